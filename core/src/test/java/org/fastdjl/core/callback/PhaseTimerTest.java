package org.fastdjl.core.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.core.TestData;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.util.Breakdown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** A learner records its fits into an active breakdown: epochs as phases, the step's share as details. */
class PhaseTimerTest {

    @AfterEach
    void stop() {
        Breakdown.stop();
    }

    @Test
    void eachEpochsTrainingAndValidationBecomePhasesAndTheStepIsTimedApart() {
        Breakdown.start();
        try (Learner learn = Learner.builder(TestData.regression(320, 32, 1), TestData.mlp(4, 1))
                .optSilent(true).build()) {
            learn.fit(2, 1e-2);
            learn.lrFind(1e-5, 1, 5, false);
        }
        Map<String, Map<String, Double>> s = Breakdown.snapshot();
        Map<String, Double> t = s.get("timeline");
        Map<String, Double> d = s.get("details");
        for (String phase : new String[] {"fit epoch 1 training", "fit epoch 1 validation", "fit epoch 2 training",
            "fit epoch 2 validation", "lr_find epoch 1 training"}) {
            assertTrue(t.containsKey(phase) && t.get(phase) > 0, phase + " in " + t);
        }
        assertFalse(t.containsKey("fit epoch 3 training"), t.toString());
        assertEquals(20.0, d.get("fit training: optimizer steps (count)")); // 10 batches, 2 epochs
        assertEquals(5.0, d.get("lr_find training: optimizer steps (count)"));
        // the timed parts fit inside the training time the timer measures itself: what is left for batches and
        // callbacks is not negative (a part counted twice would make it so). The timeline's epochs are laps
        // taken at other instants, so no closeness between the two is checked (such a check failed under load)
        assertTrue(d.get("fit training: batches, callbacks (the rest)") >= 0, d.toString());
        double training = t.get("fit epoch 1 training") + t.get("fit epoch 2 training");
        assertTrue(d.get("fit training: optimizer step") > 0 && d.get("fit training: optimizer step") < training);
    }

    @Test
    void aLearnerWithoutAnActiveBreakdownAddsNoTimer() {
        try (Learner learn = Learner.builder(TestData.regression(64, 32, 1), TestData.mlp(4, 1))
                .optSilent(true).optCallbacks(new Callback() {
                    @Override
                    public void trainBegin(FitState state) {
                        assertFalse(Breakdown.isActive());
                    }
                }).build()) {
            learn.fit(1, 1e-2);
        }
        assertTrue(Breakdown.snapshot().get("timeline").isEmpty());
    }
}
