/**
 * PyTorch and fastai files read (and written) without Python: {@code torch.save} checkpoints holding a
 * state dict, in the zip format of PyTorch 1.6+ and the legacy format of earlier versions ({@link
 * org.fastdjl.core.io.torch.TorchCheckpoint}), and pickled lists of strings such as fastai's {@code
 * itos_wt103.pkl} ({@link org.fastdjl.core.io.torch.PickledStrings}).
 *
 * <p>Pickles are read with razorvine's pickle library, restricted to an allow-list of globals: loading a
 * file never runs code from it, and a file that would ({@code os.system}, {@code builtins.eval}, a pickled
 * model class) is refused with a {@link org.fastdjl.core.io.torch.ForbiddenGlobalException} naming the
 * global. Loading a state dict into a model goes through {@link org.fastdjl.core.io.Weights}, which matches
 * names strictly as PyTorch's {@code load_state_dict} does.
 */
package org.fastdjl.core.io.torch;
