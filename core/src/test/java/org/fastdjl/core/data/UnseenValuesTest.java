package org.fastdjl.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.core.util.Warnings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

class UnseenValuesTest {

    private static final CategoryMap MAP = CategoryMap.learn(new Object[] {" Private", " Self-emp-inc", " State-gov"},
            String::valueOf);

    private static String check(UnseenValues u, Object... values) {
        return u.check("workclass", MAP, values, String::valueOf, MAP.encode(values));
    }

    @Test
    void warnsOncePerColumnWhenMoreThanHalfIsUnseen() {
        List<String> seen = new ArrayList<>();
        Consumer<String> previous = Warnings.setSink(seen::add);
        try {
            UnseenValues u = new UnseenValues();
            assertNull(check(u, " Private", "Private", null, null), "exactly half unseen (missing values aside)");
            String w = check(u, "Private", "Private", "State-gov", " Private", null);
            assertEquals(List.of(w), seen);
            assertTrue(w.startsWith("column 'workclass': 3 of 4 values (75%) were not seen in training and are coded "
                    + "#na#: 'Private' (closest known ' Private'), 'State-gov' (closest known ' State-gov')"), w);
            assertNull(check(u, "Private"), "once per column");
            assertTrue(u.hasWarned("workclass"));
            assertEquals(1, seen.size());
        } finally {
            Warnings.setSink(previous);
        }
    }

    @Test
    void closestIsCaseAndSpaceBlindThenByEditDistance() {
        List<String> known = List.of(" Private", " Self-emp-inc", " Self-emp-not-inc");
        assertEquals(" Private", UnseenValues.closest("PRIVATE", known));
        assertEquals(" Self-emp-inc", UnseenValues.closest("Self-emp-ink", known));
        assertEquals(null, UnseenValues.closest("x", List.of()));
        assertEquals(3, UnseenValues.editDistance("kitten", "sitting"));
        assertEquals(0, UnseenValues.editDistance("", ""));
    }
}
