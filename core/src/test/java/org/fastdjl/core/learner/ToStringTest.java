package org.fastdjl.core.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.core.TestData;
import org.fastdjl.core.data.CategoryMap;
import org.fastdjl.core.data.DataBunch;
import org.junit.jupiter.api.Test;

/** Readable descriptions instead of {@code Class@hash}. */
class ToStringTest {

    @Test
    void dataLoaderLearnerAndCategoryMapDescribeThemselves() {
        DataBunch data = TestData.classification(100, 32, 1);
        String d = data.toString();
        assertTrue(d.startsWith("DataBunch;\nTrain: 100 items, 3 batches of 32\nValid: 25 items, 1 batch of 32\n"
                + "c: 3; path: .; device: "), d);
        assertTrue(d.contains("First validation items:\nx "), d);
        assertEquals("ArrayDataLoader(100 items, 3 batches of 32, shuffled, last incomplete batch dropped; fields x [x],"
                + " y [y])", data.train().toString());
        try (Learner learn = Learner.builder(data, TestData.mlp(8, 3)).optSilent(true).build()) {
            String l = learn.toString();
            assertTrue(l.startsWith("Learner(model=SequentialBlock with 75 parameters; data=DataBunch with 100 train,"
                    + " 25 valid items; loss_func=FlattenedLoss of CrossEntropyLoss(); metrics=[]; opt=AdamW, wd=0.01;"
                    + " 1 layer group; path=.; device="), l);
        }
        assertEquals("CategoryMap(8 classes: #na#, a, b, c, d, e, ...)", CategoryMap.learn(
                new Object[] {"a", "b", "c", "d", "e", "f", "g"}, String::valueOf).toString());
    }
}
