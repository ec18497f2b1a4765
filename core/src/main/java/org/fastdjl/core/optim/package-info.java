/**
 * Optimisation with fastai v1's semantics: the {@link org.fastdjl.core.optim.AdamW} optimizer (Adam with
 * betas (0.9, 0.99), decoupled weight decay, one learning rate per layer group, beta1 set by the schedule
 * at every step), {@link org.fastdjl.core.optim.Lr} for discriminative learning rates, and the annealing
 * functions and {@link org.fastdjl.core.optim.Scheduler} behind one-cycle and the LR finder.
 */
package org.fastdjl.core.optim;
