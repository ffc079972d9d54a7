package org.rclab.linalg;

/**
 * The warm-up of the hot loops. With
 * {@code --add-modules jdk.incubator.vector} the Gram accumulation ({@link GramAccumulator}) and
 * the reservoir's activation ({@link LeakyTanh}) run on the Java 17 Vector API; until the C2
 * compiler has compiled them they run tens to hundreds of times slower (every vector is a heap
 * object), so a command that is about to train a reservoir gets them compiled first, on the
 * core its set-up leaves idle.
 */
public final class Kernels {

    private Kernels() {
    }

    /**
     * Runs the reservoir's activation and then the Gram and Cholesky kernels on small inputs until
     * they run at compiled speed: about 0.3 s of one core. Results are not affected (the kernels
     * are deterministic whether compiled or not).
     */
    public static void warmUp() {
        LeakyTanh.warmUp();
        GramAccumulator.warmUp();
    }

    /** Starts {@link #warmUp()} on a daemon thread and returns at once. */
    public static void warmUpInBackground() {
        Thread thread = new Thread(Kernels::warmUp, "rclab-kernel-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
