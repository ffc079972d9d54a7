package org.rclab.linalg;

import org.rclab.core.FastMath;

/**
 * The activation half of the leaky-integrator echo state update (Jaeger, Lukosevicius, Popovici
 * and Siewert 2007, Neural Networks 20:335, doi:10.1016/j.neunet.2007.04.016), applied in place
 * to pre-activations {@code z = W x + W_in u + b}:
 *
 * <pre>
 *   z_i  &lt;-  (1 - a) x_i + a tanh(z_i),        slopes_i = 1 - tanh^2(z_i)  (when asked for)
 * </pre>
 *
 * The hyperbolic tangent is most of a sparse reservoir's step ({@code Math.tanh} costs about
 * 19 ns on Java 17). {@link #best()} runs {@link FastMath#tanh} as a plain loop (about 5 ns an
 * element) and, when the JVM has {@code --add-modules jdk.incubator.vector}, on the Java 17
 * Vector API (about 1 ns) once a long run has earned the vector loop's compilation
 * ({@link VectorLeakyTanh}). Both take the same exactly rounded steps, so they give the same
 * bits: a model trained in JShell without the module forecasts exactly as one trained by
 * {@code ./rclab}, and a run's bits do not depend on when the switch happened.
 *
 * <p>Thread-safe. The scalar loop allocates nothing; the vector one starts one daemon thread,
 * once per JVM, to get itself compiled ({@link VectorLeakyTanh}).
 *
 * <p>{@code apply} reads {@code x} and writes {@code z}: they may be the same array only at the
 * same offset ({@code Reservoir}'s step passes distinct arrays, checked there).
 */
public class LeakyTanh {

    LeakyTanh() {
    }

    /** The fastest implementation this JVM can run; chosen once per JVM. */
    public static LeakyTanh best() {
        return Best.CHOICE;
    }

    /** "vector-512", "vector-256" or "scalar". */
    public String name() {
        return "scalar";
    }

    /**
     * {@code z[zo + i] = (1 - a) x[xo + i] + a tanh(z[zo + i])} for {@code i < n}, and, when
     * {@code slopes != null}, {@code slopes[so + i] = 1 - tanh^2} of the same pre-activation.
     * Modifies {@code z} and {@code slopes} only; {@code x} may be {@code z} only at the same
     * offset. The caller checks the slices (this is a kernel of {@code Reservoir}'s step).
     */
    public void apply(double[] z, int zo, double[] x, int xo, int n, double a, double[] slopes, int so) {
        double keep = 1 - a;
        if (slopes == null) {
            for (int i = 0; i < n; i++) {
                z[zo + i] = keep * x[xo + i] + a * FastMath.tanh(z[zo + i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                double t = FastMath.tanh(z[zo + i]);
                z[zo + i] = keep * x[xo + i] + a * t;
                slopes[so + i] = 1 - t * t;
            }
        }
    }

    /** The plain-Java implementation (tests compare the two). */
    static LeakyTanh scalar() {
        return Scalar.INSTANCE;
    }

    private static final class Scalar {
        static final LeakyTanh INSTANCE = new LeakyTanh();
    }

    /** Holder of {@link #best()}'s choice, made when it is first asked for. */
    private static final class Best {
        static final LeakyTanh CHOICE = choose();
    }

    private static LeakyTanh choose() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                Object kernel = Class.forName("org.rclab.linalg.VectorLeakyTanh").getDeclaredMethod("preferred").invoke(null);
                if (kernel != null) {
                    return (LeakyTanh) kernel;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                return Scalar.INSTANCE;
            }
        }
        return Scalar.INSTANCE;
    }
}
