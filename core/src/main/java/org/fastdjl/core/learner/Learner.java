package org.fastdjl.core.learner;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import org.fastdjl.core.callback.Callback;
import org.fastdjl.core.callback.FitState;
import org.fastdjl.core.callback.LrFinder;
import org.fastdjl.core.callback.OneCycleScheduler;
import org.fastdjl.core.callback.PhaseTimer;
import org.fastdjl.core.callback.ProgressPrinter;
import org.fastdjl.core.callback.Recorder;
import org.fastdjl.core.data.Batch;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.data.DataLoader;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.export.ExportContent;
import org.fastdjl.core.export.ExportFile;
import org.fastdjl.core.io.Weights;
import org.fastdjl.core.metrics.Metric;
import org.fastdjl.core.nn.BatchNorm1d;
import org.fastdjl.core.nn.LossFunction;
import org.fastdjl.core.nn.Resettable;
import org.fastdjl.core.optim.Lr;
import org.fastdjl.core.optim.OptFunc;
import org.fastdjl.core.optim.FlatParameters;
import org.fastdjl.core.optim.GroupedOptimizer;
import org.fastdjl.core.optim.Optimizer;
import org.fastdjl.core.util.Breakdown;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Trains a model on a {@link DataBunch}, as fastai v1's {@code Learner}: it owns the model (any DJL
 * {@link Block}), the data, the loss, the optimizer ({@link org.fastdjl.core.optim.AdamW} by default), the layer groups, the metrics and
 * the callbacks, and runs the one fit loop that every training method goes through.
 *
 * <pre>{@code
 * Learner learn = Learner.builder(data, model).optMetrics(Metrics.accuracy()).build();
 * learn.lrFind();
 * learn.recorder().plot(Path.of("lr_find.png"));
 * learn.fitOneCycle(3, 5e-3);
 * }</pre>
 *
 * <p>The model, its optimizer state and every batch live on the data's device (DJL's default device,
 * the GPU when there is one). Everything a batch creates is freed when the batch ends; what is kept
 * across batches (losses, learning rates, metrics) is Java numbers.
 */
public class Learner implements AutoCloseable {

    /** fastai's default weight decay. */
    public static final double DEFAULT_WD = 1e-2;

    /** The file {@link #export()} writes in the learner's folder. */
    public static final String EXPORT_FILE = "export.fdjl";

    /** fastai's smoothing of the training loss. */
    private static final double SMOOTH_BETA = 0.98;

    private final DataBunch data;
    private final Block model;
    private final LossFunction lossFunc;
    private final List<Metric> metrics;
    private final List<Callback> callbacks;
    private final Recorder recorder = new Recorder();
    private final ProgressPrinter printer;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    /** The trainable parameters packed into one buffer (each one's array a view), or {@code null}. */
    private final FlatParameters flat;
    private final boolean trainBn;
    private final int numThreads;
    private final Set<String> trainable = new HashSet<>();
    private List<List<Block>> layerGroups;
    private double wd;
    private final OptFunc optFunc;
    private Optimizer opt;
    private Path path;
    private String modelDir;

    /**
     * Creates a learner; prefer {@link #builder(DataBunch, Block)}.
     *
     * @param builder the settings
     */
    protected Learner(Builder builder) {
        this.data = builder.data;
        this.model = builder.model;
        this.lossFunc = builder.lossFunc != null ? builder.lossFunc : data.lossFunc();
        this.metrics = List.copyOf(builder.metrics);
        this.callbacks = new ArrayList<>(builder.callbacks);
        this.printer = builder.silent ? null : new ProgressPrinter();
        this.trainBn = builder.trainBn;
        this.numThreads = builder.numThreads;
        this.optFunc = builder.optFunc;
        this.wd = builder.wd;
        this.path = builder.path != null ? builder.path : data.path();
        this.modelDir = builder.modelDir;
        this.manager = NDManager.newBaseManager(data.device());
        this.manager.setName("learner");
        this.parameterStore = new ParameterStore(manager, false);
        initializeModel(builder.inputShapes);
        for (Pair<String, Parameter> p : model.getParameters()) {
            if (p.getValue().requiresGradient()) {
                trainable.add(p.getValue().getId());
            }
        }
        this.layerGroups = builder.layerGroups != null ? copyGroups(builder.layerGroups) : List.of(List.of(model));
        // before any forward pass caches the parameters' arrays in the ParameterStore
        this.flat = builder.packParameters ? FlatParameters.pack(optimizerGroups()) : null;
    }

    /**
     * Starts building a learner.
     *
     * @param data the data
     * @param model the model; initialized on the data's device if it is not yet
     * @return the builder
     */
    public static Builder builder(DataBunch data, Block model) {
        return new Builder(data, model);
    }

    private void initializeModel(Shape[] inputShapes) {
        if (model.isInitialized()) {
            return;
        }
        Shape[] shapes = inputShapes;
        if (shapes == null) {
            shapes = firstBatchShapes();
        }
        model.initialize(manager, DataType.FLOAT32, shapes);
    }

    private Shape[] firstBatchShapes() {
        for (DataLoader dl : List.of(data.valid(), data.train())) {
            if (dl.numBatches() == 0) {
                continue;
            }
            try (NDManager m = NDManager.newBaseManager(data.device())) {
                Iterator<Batch> it = dl.iterator(m);
                if (it.hasNext()) {
                    try (Batch b = it.next()) {
                        return b.x().getShapes();
                    }
                }
            }
        }
        throw new IllegalArgumentException(
                "cannot initialize the model: the training and validation sets are both empty");
    }

    private static List<List<Block>> copyGroups(List<List<Block>> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a learner needs at least one layer group");
        }
        List<List<Block>> copy = new ArrayList<>();
        for (List<Block> g : groups) {
            copy.add(List.copyOf(g));
        }
        return List.copyOf(copy);
    }

    // --- accessors ---------------------------------------------------------------------------------

    /** @return the data */
    public DataBunch data() {
        return data;
    }

    /** @return the model */
    public Block model() {
        return model;
    }

    /** @return the loss */
    public LossFunction lossFunc() {
        return lossFunc;
    }

    /** @return the metrics */
    public List<Metric> metrics() {
        return metrics;
    }

    /** @return the metric names, in table order */
    public List<String> metricNames() {
        List<String> names = new ArrayList<>();
        for (Metric m : metrics) {
            names.add(m.name());
        }
        return names;
    }

    /** @return the recorder of the last fit */
    public Recorder recorder() {
        return recorder;
    }

    /** @return the callbacks that run in every fit (besides the recorder and the table printer) */
    public List<Callback> callbacks() {
        return callbacks;
    }

    /** @return the device of the model and the batches */
    public Device device() {
        return manager.getDevice();
    }

    /** @return the manager that owns the model's parameters */
    public NDManager manager() {
        return manager;
    }

    /** @return the parameter store the model runs with */
    public ParameterStore parameterStore() {
        return parameterStore;
    }

    /** @return libtorch's intra-op threads during fits and predictions, 0 for the engine's */
    public int numThreads() {
        return numThreads;
    }

    /** @return the layer groups */
    public List<List<Block>> layerGroups() {
        return layerGroups;
    }

    /**
     * Splits the model into layer groups, for discriminative learning rates and freezing, as fastai's
     * {@code split}; the optimizer is recreated.
     *
     * @param groups the groups, first (closest to the input) first
     */
    public void split(List<List<Block>> groups) {
        this.layerGroups = copyGroups(groups);
        dropOptimizer();
    }

    /** @return the weight decay used when a fit does not give one */
    public double wd() {
        return wd;
    }

    /**
     * Sets the default weight decay.
     *
     * @param wd the weight decay
     */
    public void setWd(double wd) {
        this.wd = wd;
    }

    /** @return the folder of the learner's files (models, plots): the data's path unless given */
    public Path path() {
        return path;
    }

    /**
     * Sets the folder of the learner's files.
     *
     * @param path the folder
     */
    public void setPath(Path path) {
        this.path = Objects.requireNonNull(path);
    }

    /** @return the folder where {@link #save(String)} writes, {@code path/modelDir} */
    public Path modelPath() {
        return path.resolve(modelDir);
    }

    /**
     * The optimizer, created on first use with the current layer groups.
     *
     * @return the optimizer
     */
    public Optimizer opt() {
        if (opt == null) {
            createOpt(Lr.of(1e-3).forGroups(layerGroups.size()), wd);
        }
        return opt;
    }

    private void createOpt(double[] lr, double wd) {
        dropOptimizer();
        opt = optFunc.create(optimizerGroups(), lr, wd, manager);
        if (opt instanceof GroupedOptimizer grouped) {
            grouped.setFlatParameters(flat);
        }
    }

    /** @return the trainable parameters of each layer group, each parameter once, in model order */
    private List<List<Parameter>> optimizerGroups() {
        Set<String> seen = new HashSet<>();
        List<List<Parameter>> groups = new ArrayList<>();
        for (List<Block> g : layerGroups) {
            List<Parameter> params = new ArrayList<>();
            for (Block b : g) {
                for (Pair<String, Parameter> p : b.getParameters()) {
                    if (trainable.contains(p.getValue().getId()) && seen.add(p.getValue().getId())) {
                        params.add(p.getValue());
                    }
                }
            }
            groups.add(params);
        }
        return groups;
    }

    private void dropOptimizer() {
        if (opt != null) {
            opt.close();
            opt = null;
        }
    }

    // --- freezing ------------------------------------------------------------------------------------

    /** Freezes every layer group but the last, as fastai's {@code freeze}. */
    public void freeze() {
        freezeTo(-1);
    }

    /** Makes every layer group trainable, as fastai's {@code unfreeze}. */
    public void unfreeze() {
        freezeTo(0);
    }

    /**
     * Freezes the layer groups before {@code n} and unfreezes the others, as fastai's {@code freeze_to}:
     * a negative {@code n} counts from the end ({@code -1} leaves only the last group trainable).
     * BatchNorm layers stay trainable (fastai's {@code train_bn}). The optimizer is recreated.
     *
     * @param n the first trainable group
     */
    public void freezeTo(int n) {
        int groups = layerGroups.size();
        int first = n < 0 ? Math.max(0, groups + n) : Math.min(n, groups);
        for (int i = 0; i < groups; i++) {
            boolean freeze = i < first;
            for (Block b : layerGroups.get(i)) {
                setFrozen(b, freeze);
            }
        }
        dropOptimizer();
    }

    private void setFrozen(Block block, boolean freeze) {
        if (block.getChildren().isEmpty()) {
            boolean keep = freeze && trainBn && isBatchNorm(block);
            for (Pair<String, Parameter> p : block.getDirectParameters()) {
                if (trainable.contains(p.getValue().getId())) {
                    p.getValue().freeze(freeze && !keep);
                }
            }
            return;
        }
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (trainable.contains(p.getValue().getId())) {
                p.getValue().freeze(freeze);
            }
        }
        for (Pair<String, Block> child : block.getChildren()) {
            setFrozen(child.getValue(), freeze);
        }
    }

    private static boolean isBatchNorm(Block block) {
        return block instanceof BatchNorm1d || block instanceof ai.djl.nn.norm.BatchNorm;
    }

    // --- training --------------------------------------------------------------------------------

    /**
     * Trains for some epochs at a constant learning rate, as fastai's {@code fit}.
     *
     * @param epochs the number of epochs
     * @param lr the learning rate of every group
     */
    public void fit(int epochs, double lr) {
        fit(epochs, Lr.of(lr), Double.NaN);
    }

    /**
     * Trains for some epochs at constant learning rates, as fastai's {@code fit}.
     *
     * @param epochs the number of epochs
     * @param lr the learning rates
     * @param wd the weight decay, or {@code NaN} for the learner's
     * @param extra callbacks for this fit only
     */
    public void fit(int epochs, Lr lr, double wd, Callback... extra) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        double[] lrs = lr.forGroups(layerGroups.size());
        double w = Double.isNaN(wd) ? this.wd : wd;
        if (opt == null) {
            createOpt(lrs, w);
        } else {
            opt.setLr(lrs);
            opt.setWd(w);
        }
        List<Callback> cbs = new ArrayList<>();
        cbs.add(recorder);
        if (printer != null) {
            cbs.add(printer);
            cbs.add(new org.fastdjl.core.callback.ProgressBars()); // draws only on a terminal
        }
        cbs.addAll(callbacks);
        cbs.addAll(Arrays.asList(extra));
        if (Breakdown.isActive()) {
            boolean finder = Arrays.stream(extra).anyMatch(c -> c instanceof LrFinder);
            cbs.add(new PhaseTimer(finder ? "lr_find" : "fit"));
        }
        cbs.sort(Comparator.comparingInt(Callback::order));
        runFit(epochs, cbs);
    }

    /**
     * Trains with the 1cycle policy and fastai's defaults, as {@code fit_one_cycle(epochs, maxLr)}.
     *
     * @param epochs the number of epochs
     * @param maxLr the peak learning rate of every group
     * @param extra callbacks for this fit only
     */
    public void fitOneCycle(int epochs, double maxLr, Callback... extra) {
        fitOneCycle(epochs, Lr.of(maxLr), extra);
    }

    /**
     * Trains with the 1cycle policy and fastai's defaults, with discriminative learning rates.
     *
     * @param epochs the number of epochs
     * @param maxLr the peak learning rates, e.g. {@code Lr.slice(1e-3 / 2.6^4, 1e-3)}
     * @param extra callbacks for this fit only
     */
    public void fitOneCycle(int epochs, Lr maxLr, Callback... extra) {
        fitOneCycle(epochs, maxLr, OneCycleScheduler.DEFAULT_MOMS, OneCycleScheduler.DEFAULT_DIV_FACTOR,
                OneCycleScheduler.DEFAULT_PCT_START, Double.NaN, Double.NaN, extra);
    }

    /**
     * Trains with the 1cycle policy, as fastai's {@code fit_one_cycle}.
     *
     * @param epochs the number of epochs
     * @param maxLr the peak learning rates
     * @param moms the momentum at the start and at the peak, fastai's (0.95, 0.85)
     * @param divFactor the start learning rate is {@code maxLr / divFactor}, fastai's 25
     * @param pctStart the fraction of iterations spent warming up, fastai's 0.3
     * @param finalDiv the final learning rate is {@code maxLr / finalDiv}; {@code NaN} for fastai's
     *     {@code divFactor * 1e4}
     * @param wd the weight decay, or {@code NaN} for the learner's
     * @param extra callbacks for this fit only
     */
    public void fitOneCycle(
            int epochs,
            Lr maxLr,
            double[] moms,
            double divFactor,
            double pctStart,
            double finalDiv,
            double wd,
            Callback... extra) {
        double[] lrMax = maxLr.forGroups(layerGroups.size());
        double fd = Double.isNaN(finalDiv) ? divFactor * 1e4 : finalDiv;
        Callback[] all = Arrays.copyOf(extra, extra.length + 1);
        all[extra.length] = new OneCycleScheduler(lrMax, moms, divFactor, pctStart, fd);
        fit(epochs, maxLr, wd, all);
    }

    /**
     * The learning-rate range test with fastai's defaults: {@code lr_find(1e-7, 10, 100, True)}.
     *
     * @return the suggested learning rate by fastai v2's default "valley" rule ({@code
     *     recorder().lrSuggestions()} has the others, fastai v1's included)
     * @see #lrFind(double, double, int, boolean)
     */
    public double lrFind() {
        return lrFind(1e-7, 10, 100, true);
    }

    /**
     * The learning-rate range test, as fastai's {@code lr_find}: trains with an exponentially growing
     * learning rate while recording the loss, stops when it diverges, then restores the weights and the
     * optimizer state. Plot the result with {@code recorder().plot(file)}.
     *
     * @param startLr the first learning rate
     * @param endLr the last learning rate
     * @param numIt the number of batches
     * @param stopDiv whether to stop when the loss diverges
     * @return the suggested learning rate (fastai v2's "valley" rule, see {@link
     *     org.fastdjl.core.callback.LrSuggestions}), or {@code NaN}
     */
    public double lrFind(double startLr, double endLr, int numIt, boolean stopDiv) {
        int nGroups = layerGroups.size();
        double[] start = Lr.of(startLr).forGroups(nGroups);
        double[] end = Lr.of(endLr).forGroups(nGroups);
        int perEpoch = data.train().numBatches();
        if (perEpoch == 0) {
            throw new IllegalStateException("the training set has no complete batch (" + data.train().size()
                    + " items, batch size " + data.train().batchSize() + "): lower the batch size");
        }
        int epochs = (int) Math.ceil((double) numIt / perEpoch);
        Map<Parameter, NDArray> weights = snapshotWeights();
        AutoCloseable optState = opt().snapshot();
        try {
            fit(epochs, Lr.perGroup(start), Double.NaN, new LrFinder(start, end, numIt, stopDiv));
        } finally {
            restoreWeights(weights);
            opt.restore(optState);
            try {
                optState.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (model instanceof Resettable) {
                ((Resettable) model).reset();
            }
        }
        return recorder.suggestion();
    }

    private Map<Parameter, NDArray> snapshotWeights() {
        Map<Parameter, NDArray> copy = new IdentityHashMap<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            NDArray a = p.getValue().getArray().duplicate();
            NDScope.unregister(a);
            copy.put(p.getValue(), a);
        }
        return copy;
    }

    private void restoreWeights(Map<Parameter, NDArray> copy) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Map.Entry<Parameter, NDArray> e : copy.entrySet()) {
                NDArray target = e.getKey().getArray();
                try (NDArray src = e.getValue()) {
                    org.fastdjl.core.nn.Tensors.copyInto(target, src);
                }
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /**
     * The one fit loop: every training method ends here.
     *
     * @param epochs the number of epochs
     * @param cbs the callbacks, sorted by order
     */
    protected void runFit(int epochs, List<Callback> cbs) {
        DataLoader train = data.train();
        if (train.numBatches() == 0) {
            throw new IllegalStateException("the training set has no complete batch (" + train.size()
                    + " items, batch size " + train.batchSize() + ", the incomplete last batch is dropped):"
                    + " lower the batch size");
        }
        try (IntraOpThreads threads = IntraOpThreads.use(numThreads)) {
            fitLoop(epochs, cbs);
        }
    }

    private void fitLoop(int epochs, List<Callback> cbs) {
        FitState state = new FitState(this, epochs);
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        double movAvg = 0;
        int nSmooth = 0;
        try {
            for (Callback cb : cbs) {
                cb.trainBegin(state);
            }
            for (int epoch = 0; epoch < epochs && !state.isStopTraining(); epoch++) {
                state.beginEpoch(epoch);
                for (Callback cb : cbs) {
                    cb.epochBegin(state);
                }
                Iterator<Batch> it = data.train().iterator(manager);
                while (it.hasNext() && !state.isStopEpoch()) {
                    try (Batch batch = it.next(); NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        state.beginBatch(batch, true);
                        for (Callback cb : cbs) {
                            cb.batchBegin(state);
                        }
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            state.setLastOutput(model.forward(parameterStore, batch.x(), true));
                            for (Callback cb : cbs) {
                                cb.lossBegin(state);
                            }
                            state.setLastLoss(lossFunc.compute(state.lastOutput(), batch.y()));
                            double loss = state.lastLoss().toType(DataType.FLOAT64, false).getDouble();
                            nSmooth++;
                            movAvg = SMOOTH_BETA * movAvg + (1 - SMOOTH_BETA) * loss;
                            state.setSmoothLoss(movAvg / (1 - Math.pow(SMOOTH_BETA, nSmooth)));
                            for (Callback cb : cbs) {
                                cb.backwardBegin(state);
                            }
                            gc.backward(state.lastLoss());
                        }
                        for (Callback cb : cbs) {
                            cb.backwardEnd(state);
                        }
                        if (!state.isSkipStep()) {
                            opt.step();
                        } else {
                            opt.zeroGrad();
                        }
                        for (Callback cb : cbs) {
                            cb.stepEnd(state);
                        }
                        for (Callback cb : cbs) {
                            cb.batchEnd(state);
                        }
                        state.endTrainBatch();
                    }
                }
                if (!state.isSkipValidate() && data.valid().size() > 0) { // no validation set: fastai's #na#
                    state.beginValidation();
                    state.setLastMetrics(validate(data.valid(), cbs, state));
                }
                for (Callback cb : cbs) {
                    cb.epochEnd(state);
                }
            }
        } catch (RuntimeException | Error e) {
            state.setError(e);
            throw e;
        } finally {
            try {
                for (Callback cb : cbs) {
                    cb.trainEnd(state);
                }
            } finally {
                JniUtils.setGradMode(gradMode);
            }
        }
    }

    /**
     * Runs a loader through the model in evaluation mode and returns the loss averaged over the items
     * followed by the metrics.
     *
     * @param dl the loader
     * @param cbs callbacks to notify of each batch, or an empty list
     * @param state the fit's state, or {@code null} outside a fit
     * @return the loss followed by the metric values
     */
    private List<Double> validate(DataLoader dl, List<Callback> cbs, FitState state) {
        try (IntraOpThreads threads = IntraOpThreads.use(numThreads)) {
            return validateLoop(dl, cbs, state);
        }
    }

    private List<Double> validateLoop(DataLoader dl, List<Callback> cbs, FitState state) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Metric m : metrics) {
                m.reset();
            }
            double lossSum = 0;
            long count = 0;
            Iterator<Batch> it = dl.iterator(manager);
            while (it.hasNext()) {
                try (Batch batch = it.next(); NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    if (state != null) {
                        state.beginBatch(batch, false);
                        for (Callback cb : cbs) {
                            cb.batchBegin(state);
                        }
                    }
                    NDList out = model.forward(parameterStore, batch.x(), false);
                    if (state != null) {
                        state.setLastOutput(out);
                        for (Callback cb : cbs) {
                            cb.lossBegin(state);
                        }
                        out = state.lastOutput();
                    }
                    NDArray loss = lossFunc.compute(out, batch.y());
                    lossSum += loss.toType(DataType.FLOAT64, false).getDouble() * batch.size();
                    count += batch.size();
                    for (Metric m : metrics) {
                        m.accumulate(out, batch.y(), batch.size());
                    }
                    if (state != null) {
                        state.setLastLoss(loss);
                        for (Callback cb : cbs) {
                            cb.batchEnd(state);
                        }
                    }
                }
            }
            List<Double> res = new ArrayList<>();
            res.add(count == 0 ? Double.NaN : lossSum / count);
            for (Metric m : metrics) {
                res.add(m.value());
            }
            return res;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /**
     * The loss and metrics on a data set, as fastai's {@code validate}.
     *
     * @param type which data set (it must have targets)
     * @return the loss followed by the metric values
     */
    public List<Double> validate(DatasetType type) {
        return validate(data.dl(type), List.of(), null);
    }

    /**
     * The loss and metrics on the validation set.
     *
     * @return the loss followed by the metric values
     */
    public List<Double> validate() {
        return validate(DatasetType.VALID);
    }

    // --- prediction --------------------------------------------------------------------------------

    /**
     * Predictions over a whole data set, with the loss's activation applied (softmax for
     * cross-entropy), in data-set order, with the targets, as fastai's {@code get_preds}.
     *
     * @param type which data set
     * @return the predictions and targets
     */
    public Predictions getPreds(DatasetType type) {
        try (IntraOpThreads threads = IntraOpThreads.use(numThreads)) {
            return predsLoop(type);
        }
    }

    private Predictions predsLoop(DatasetType type) {
        DataLoader dl = data.dl(type);
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            List<float[]> outs = new ArrayList<>();
            List<float[]> targs = new ArrayList<>();
            List<int[]> indices = new ArrayList<>();
            Shape itemShape = null;
            Shape targetItemShape = null;
            int n = 0;
            Iterator<Batch> it = dl.iterator(manager);
            while (it.hasNext()) {
                try (Batch batch = it.next(); NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray out = lossFunc.activation(model.forward(parameterStore, batch.x(), false).head());
                    itemShape = out.getShape().slice(1);
                    outs.add(out.toType(DataType.FLOAT32, false).toFloatArray());
                    if (!batch.y().isEmpty()) {
                        NDArray y = batch.y().head();
                        targetItemShape = y.getShape().slice(1);
                        targs.add(y.toType(DataType.FLOAT32, false).toFloatArray());
                    }
                    indices.add(batch.indices());
                    n += (int) out.getShape().get(0);
                }
            }
            if (itemShape == null) {
                return new Predictions(new float[0], new Shape(0), null, null);
            }
            float[] values = ordered(outs, indices, (int) itemShape.size(), n);
            float[] targets = targs.isEmpty() ? null : ordered(targs, indices, (int) targetItemShape.size(), n);
            return new Predictions(
                    values,
                    new Shape(n).addAll(itemShape),
                    targets,
                    targets == null ? null : new Shape(n).addAll(targetItemShape));
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static float[] ordered(List<float[]> parts, List<int[]> indices, int width, int n) {
        float[] out = new float[n * width];
        boolean byIndex = indices.stream().allMatch(Objects::nonNull)
                && indices.stream().mapToInt(a -> a.length).sum() == n;
        int pos = 0;
        for (int b = 0; b < parts.size(); b++) {
            float[] part = parts.get(b);
            int rows = part.length / Math.max(1, width);
            for (int r = 0; r < rows; r++) {
                int dst = byIndex ? indices.get(b)[r] : pos + r;
                System.arraycopy(part, r * width, out, dst * width, width);
            }
            pos += rows;
        }
        return out;
    }

    /**
     * Runs the model in evaluation mode on inputs built for the occasion, as the core of every
     * application's {@code predict}: the inputs are created by {@code inputs} in a scope freed
     * afterwards, and the activated output is copied out.
     *
     * @param inputs builds the model inputs in the given manager (on the learner's device)
     * @return the activated outputs
     */
    public Predictions predictOn(Function<NDManager, NDList> inputs) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (IntraOpThreads threads = IntraOpThreads.use(numThreads);
                NDManager m = manager.newSubManager();
                NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray out = lossFunc.activation(model.forward(parameterStore, inputs.apply(m), false).head());
            return new Predictions(out.toType(DataType.FLOAT32, false).toFloatArray(), out.getShape(), null, null);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /**
     * Runs code under the conditions of a prediction: no gradient, this learner's intra-op threads, and
     * a scope that frees every array the code creates (copy results out as Java values). Text
     * generation runs its model calls through it.
     *
     * @param body the code, given a manager on the learner's device
     * @param <T> what it returns
     * @return what the code returned
     */
    public <T> T inference(Function<NDManager, T> body) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (IntraOpThreads threads = IntraOpThreads.use(numThreads);
                NDManager m = manager.newSubManager();
                NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return body.apply(m);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    // --- looking at the model -----------------------------------------------------------------------

    /**
     * The model's layers, output shapes, parameter counts and trainability, then the totals, as fastai's
     * {@code learn.summary()} (see {@link ModelSummary}).
     *
     * @return the summary, ready to print
     */
    public String summary() {
        return ModelSummary.of(this).toString();
    }

    /**
     * Prints the first items of the validation set with their targets and predictions, as fastai's
     * {@code learn.show_results(rows=rows)}.
     *
     * @param rows how many items
     */
    public void showResults(int rows) {
        System.out.print(Results.format(this, DatasetType.VALID, rows));
    }

    /**
     * The first items of a data set with their targets and predictions, as a table.
     *
     * @param type which data set
     * @param rows how many items
     * @return the table
     */
    public String formatResults(DatasetType type, int rows) {
        return Results.format(this, type, rows);
    }

    // --- weights -----------------------------------------------------------------------------------

    /**
     * Saves the model's weights to {@code modelPath()/name.safetensors}, with PyTorch {@code
     * state_dict} names, atomically.
     *
     * @param name the file name without extension
     * @return the file written
     * @throws IOException if it cannot be written
     */
    public Path save(String name) throws IOException {
        Path file = modelPath().resolve(name + ".safetensors");
        Weights.save(model, file);
        return file;
    }

    /**
     * Loads weights saved by {@link #save(String)} (or by PyTorch's safetensors with the same keys).
     *
     * @param name the file name without extension
     * @throws IOException if the file is missing or does not match the model
     */
    public void load(String name) throws IOException {
        Weights.load(model, modelPath().resolve(name + ".safetensors"));
    }

    // --- export ------------------------------------------------------------------------------------

    /**
     * Exports everything prediction needs into {@code path()/export.fdjl}, as fastai's {@code
     * learn.export()}; load it with {@link Learners#load(Path)}.
     *
     * @return the file written
     * @throws IOException if it cannot be written
     * @throws UnsupportedOperationException if this learner's application does not export
     */
    public Path export() throws IOException {
        return export(path.resolve(EXPORT_FILE));
    }

    /**
     * Exports everything prediction needs into one file, atomically: the model's kind and configuration,
     * its weights (safetensors, PyTorch names) and the data pipeline's learned state, nothing of the
     * training data (see {@link ExportFile} for the format). {@link Learners#load(Path)} reads it back in
     * any JVM.
     *
     * @param file the file, e.g. {@code export.fdjl}
     * @return the file written
     * @throws IOException if it cannot be written (an existing file is then untouched)
     * @throws UnsupportedOperationException if this learner's application does not export
     */
    public Path export(Path file) throws IOException {
        ExportContent content = exportContent();
        if (content == null) {
            throw new UnsupportedOperationException("a " + getClass().getSimpleName() + " cannot be exported: its "
                    + "application does not say what prediction needs (override exportContent)");
        }
        ExportFile.write(file, content, model);
        return file;
    }

    /**
     * What {@link #export} writes besides the weights: application learners override this with their
     * model's configuration and their data pipeline's learned state, and register a {@link
     * org.fastdjl.core.export.LearnerLoader} for their kind.
     *
     * @return the description, or {@code null} (the default) when this learner cannot be exported
     */
    protected ExportContent exportContent() {
        return null;
    }

    /**
     * The model's parameters by PyTorch {@code state_dict} key.
     *
     * @return the parameters
     */
    public Map<String, Parameter> stateDict() {
        return new LinkedHashMap<>(org.fastdjl.core.nn.StateDict.of(model));
    }

    /**
     * A description as fastai prints a Learner: the model and its parameter count, the data, the loss,
     * the metrics, the optimizer, the layer groups and the path.
     *
     * @return the description
     */
    @Override
    public String toString() {
        long params = 0;
        for (Pair<String, Parameter> p : model.getParameters()) {
            if (p.getValue().getArray() != null && p.getValue().getType() != Parameter.Type.RUNNING_MEAN
                    && p.getValue().getType() != Parameter.Type.RUNNING_VAR) {
                params += p.getValue().getArray().size();
            }
        }
        return String.format(java.util.Locale.ROOT, "%s(model=%s with %,d parameters; data=%s with %,d train, %,d valid"
                        + " items; loss_func=%s; metrics=%s; opt=%s, wd=%s; %d layer group%s; path=%s; device=%s)",
                getClass().getSimpleName(), model.getClass().getSimpleName(), params, data.getClass().getSimpleName(),
                data.train().size(), data.valid().size(), lossFunc, metricNames(),
                opt != null ? opt.getClass().getSimpleName() : optFunc == OptFunc.ADAM_W ? "AdamW" : "custom", wd, layerGroups.size(), layerGroups.size() == 1 ? "" : "s", path,
                device());
    }

    /** Frees the model, the optimizer state and everything else on the device. */
    @Override
    public void close() {
        dropOptimizer();
        manager.close();
    }

    /** Builds a {@link Learner}: required settings in the factory, optional ones with {@code opt}. */
    public static class Builder {
        private final DataBunch data;
        private final Block model;
        private LossFunction lossFunc;
        private final List<Metric> metrics = new ArrayList<>();
        private final List<Callback> callbacks = new ArrayList<>();
        private List<List<Block>> layerGroups;
        private double wd = DEFAULT_WD;
        private OptFunc optFunc = OptFunc.ADAM_W;
        private boolean trainBn = true;
        private boolean silent;
        private Path path;
        private String modelDir = "models";
        private Shape[] inputShapes;
        private int numThreads;
        private boolean packParameters = true;

        /**
         * Starts a builder.
         *
         * @param data the data
         * @param model the model
         */
        protected Builder(DataBunch data, Block model) {
            this.data = Objects.requireNonNull(data, "data");
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * Sets the loss (default: the data's, cross-entropy for classes, MSE for floats).
         *
         * @param lossFunc the loss
         * @return this builder
         */
        public Builder optLoss(LossFunction lossFunc) {
            this.lossFunc = lossFunc;
            return this;
        }

        /**
         * Adds validation metrics.
         *
         * @param metrics the metrics
         * @return this builder
         */
        public Builder optMetrics(Metric... metrics) {
            this.metrics.addAll(Arrays.asList(metrics));
            return this;
        }

        /**
         * Adds callbacks that run in every fit (fastai's {@code callback_fns}).
         *
         * @param callbacks the callbacks
         * @return this builder
         */
        public Builder optCallbacks(Callback... callbacks) {
            this.callbacks.addAll(Arrays.asList(callbacks));
            return this;
        }

        /**
         * Sets the layer groups (default: the whole model as one group).
         *
         * @param layerGroups the groups, closest to the input first
         * @return this builder
         */
        public Builder optLayerGroups(List<List<Block>> layerGroups) {
            this.layerGroups = layerGroups;
            return this;
        }

        /**
         * Sets the default weight decay (fastai's 1e-2).
         *
         * @param wd the weight decay
         * @return this builder
         */
        public Builder optWd(double wd) {
            this.wd = wd;
            return this;
        }

        /**
         * Sets the optimizer (fastai's {@code opt_func}; default {@link OptFunc#ADAM_W}).
         *
         * @param optFunc creates the optimizer
         * @return this builder
         */
        public Builder optOptFunc(OptFunc optFunc) {
            this.optFunc = Objects.requireNonNull(optFunc);
            return this;
        }

        /**
         * Whether BatchNorm layers stay trainable in frozen groups (fastai's {@code train_bn}, true).
         *
         * @param trainBn the setting
         * @return this builder
         */
        public Builder optTrainBn(boolean trainBn) {
            this.trainBn = trainBn;
            return this;
        }

        /**
         * Turns off the printed results table.
         *
         * @param silent whether to print nothing
         * @return this builder
         */
        public Builder optSilent(boolean silent) {
            this.silent = silent;
            return this;
        }

        /**
         * Sets the folder for the learner's files (default: the data's {@link DataBunch#path()}, as
         * fastai's {@code Learner(path=None)}); models go to {@code path/models}.
         *
         * @param path the folder
         * @return this builder
         */
        public Builder optPath(Path path) {
            this.path = Objects.requireNonNull(path);
            return this;
        }

        /**
         * Sets the sub-folder for saved models (default {@code models}).
         *
         * @param modelDir the sub-folder
         * @return this builder
         */
        public Builder optModelDir(String modelDir) {
            this.modelDir = Objects.requireNonNull(modelDir);
            return this;
        }

        /**
         * Gives the input shapes to initialize the model with, instead of reading a first batch.
         *
         * @param shapes one shape per input field, batch dimension first
         * @return this builder
         */
        public Builder optInputShapes(Shape... shapes) {
            this.inputShapes = shapes.clone();
            return this;
        }

        /**
         * Sets libtorch's intra-op threads while this learner fits or predicts (default 0: the engine's,
         * one per core). Small models train faster on one thread: their operations are too small to
         * split, and the JVM's JIT compiler and garbage collector want a core too.
         *
         * @param numThreads the count, or 0 for the engine's
         * @return this builder
         */
        public Builder optNumThreads(int numThreads) {
            if (numThreads < 0) {
                throw new IllegalArgumentException("numThreads must be >= 0, got " + numThreads);
            }
            this.numThreads = numThreads;
            return this;
        }

        /**
         * Whether the model's trainable parameters are packed into one buffer, each parameter's array a
         * view of its slice, so the optimizer updates a layer group with one engine call instead of one
         * per tensor (default {@code true}; the update is the same, bit for bit). With packing, write
         * parameters in place ({@code Tensors.copyInto}, as {@code load} does), not with {@code
         * NDArray.set(Buffer)}, which would detach the array from the buffer; see {@link FlatParameters}.
         *
         * @param pack whether to pack
         * @return this builder
         */
        public Builder optPackParameters(boolean pack) {
            this.packParameters = pack;
            return this;
        }

        /** @return the learner */
        public Learner build() {
            return new Learner(this);
        }
    }
}
