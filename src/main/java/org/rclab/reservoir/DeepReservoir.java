package org.rclab.reservoir;

import java.util.ArrayList;
import java.util.List;

import org.rclab.core.Checks;
import org.rclab.core.Seeds;

/**
 * A deep echo state network (DeepESN; Gallicchio, Micheli, Pedrelli 2017, Neurocomputing 268:87,
 * doi:10.1016/j.neucom.2016.12.089; Gallicchio &amp; Micheli 2018, arXiv:1712.04323): a stack of L
 * reservoirs where layer 1 is driven by the input and layer l by the new state of layer l - 1 at the
 * same time step:
 *
 * <pre>
 *   x_1(t+1) = (1 - a_1) x_1(t) + a_1 tanh(W_1 x_1(t) + W_in,1 u(t)      + b_1)
 *   x_l(t+1) = (1 - a_l) x_l(t) + a_l tanh(W_l x_l(t) + W_in,l x_{l-1}(t+1) + b_l)
 * </pre>
 *
 * The state is the concatenation {@code [x_1, ..., x_L]}; the readout reads all of it (default) or
 * the last layer only. Each layer has its own size, leak, spectral radius, input scaling and seed.
 * Immutable and thread-safe.
 */
public final class DeepReservoir implements EchoState {

    private final List<Reservoir> layers;
    private final int[] offsets;
    private final int stateSize;
    private final boolean readoutOnAllLayers;
    private final boolean leakAdjusted;

    private DeepReservoir(List<Reservoir> layers, boolean readoutOnAllLayers, boolean leakAdjusted) {
        this.layers = List.copyOf(layers);
        this.offsets = new int[layers.size() + 1];
        for (int l = 0; l < layers.size(); l++) {
            offsets[l + 1] = offsets[l] + layers.get(l).size();
        }
        this.stateSize = offsets[layers.size()];
        this.readoutOnAllLayers = readoutOnAllLayers;
        this.leakAdjusted = leakAdjusted;
    }

    /**
     * Draws every layer from its config: layer 1 has {@code inputDimension} inputs, layer l the
     * size of layer l - 1.
     *
     * @param leakAdjusted       impose each spectral radius on {@code (1 - a) I + a W} (Pedrelli's
     *                           DeepESN code) instead of on W
     * @param readoutOnAllLayers readout on the concatenated states (true) or on the last layer
     */
    public static DeepReservoir create(List<ReservoirConfig> layerConfigs, int inputDimension, boolean leakAdjusted,
                                       boolean readoutOnAllLayers) {
        Checks.require(!layerConfigs.isEmpty(), "a deep reservoir needs at least one layer, got 0");
        Checks.positive("inputDimension", inputDimension);
        List<Reservoir> layers = new ArrayList<>();
        int in = inputDimension;
        for (ReservoirConfig c : layerConfigs) {
            layers.add(Reservoir.create(c, in, leakAdjusted));
            in = c.size();
        }
        return new DeepReservoir(layers, readoutOnAllLayers, leakAdjusted);
    }

    /**
     * L identical layers of {@code sizeEach} nodes drawn from {@code base}, whose seed is split into
     * one named stream per layer ("layer1", "layer2", ...).
     */
    public static DeepReservoir uniform(ReservoirConfig base, int layers, int sizeEach, int inputDimension,
                                        boolean leakAdjusted, boolean readoutOnAllLayers) {
        Checks.positive("layers", layers);
        Seeds seeds = new Seeds(base.seed());
        List<ReservoirConfig> configs = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            configs.add(base.toBuilder().size(sizeEach).seed(seeds.streamSeed("layer" + l)).build());
        }
        return create(configs, inputDimension, leakAdjusted, readoutOnAllLayers);
    }

    /** Builds a deep reservoir from given layers (loading; tests). */
    public static DeepReservoir of(List<Reservoir> layers, boolean leakAdjusted, boolean readoutOnAllLayers) {
        Checks.require(!layers.isEmpty(), "a deep reservoir needs at least one layer, got 0");
        for (int l = 1; l < layers.size(); l++) {
            Checks.require(layers.get(l).inputDimension() == layers.get(l - 1).size(), "layer " + (l + 1)
                    + " must have " + layers.get(l - 1).size() + " inputs (the size of layer " + l + "), got "
                    + layers.get(l).inputDimension());
        }
        return new DeepReservoir(layers, readoutOnAllLayers, leakAdjusted);
    }

    /** The layers, input side first. */
    public List<Reservoir> layers() {
        return layers;
    }

    /** Whether the spectral radii were imposed on the leaky linear parts. */
    public boolean leakAdjusted() {
        return leakAdjusted;
    }

    public boolean readoutOnAllLayers() {
        return readoutOnAllLayers;
    }

    @Override
    public int stateSize() {
        return stateSize;
    }

    @Override
    public int inputDimension() {
        return layers.get(0).inputDimension();
    }

    @Override
    public int featureOffset() {
        return readoutOnAllLayers ? 0 : offsets[layers.size() - 1];
    }

    @Override
    public int featureCount() {
        return readoutOnAllLayers ? stateSize : layers.get(layers.size() - 1).size();
    }

    @Override
    public double leakRate() {
        return layers.get(layers.size() - 1).leakRate();
    }

    @Override
    public void update(double[] x, double[] u, double[] next) {
        Reservoir.checkUpdate(stateSize, inputDimension(), x, u, next);
        for (int l = 0; l < layers.size(); l++) {
            if (l == 0) {
                layers.get(0).step(x, u, 0, next, 0, null);
            } else {
                layers.get(l).step(x, next, offsets[l - 1], next, offsets[l], null);
            }
        }
    }

    @Override
    public void update(double[] x, double[] u, double[] next, double[] slopes) {
        Reservoir.checkUpdate(stateSize, inputDimension(), x, u, next, slopes);
        for (int l = 0; l < layers.size(); l++) {
            if (l == 0) {
                layers.get(0).step(x, u, 0, next, 0, slopes);
            } else {
                layers.get(l).step(x, next, offsets[l - 1], next, offsets[l], slopes);
            }
        }
    }

    @Override
    public void tangent(double[] slopes, double[] dx, double[] du, double[] dnext, double[] work) {
        Reservoir.checkTangent(stateSize, inputDimension(), slopes, dx, du, dnext, work);
        for (int l = 0; l < layers.size(); l++) {
            if (l == 0) {
                layers.get(0).tangent(slopes, 0, dx, 0, du, 0, dnext, 0);
            } else {
                layers.get(l).tangent(slopes, offsets[l], dx, offsets[l], dnext, offsets[l - 1], dnext, offsets[l]);
            }
        }
    }
}
