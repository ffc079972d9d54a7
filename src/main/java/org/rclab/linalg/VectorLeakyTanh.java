package org.rclab.linalg;

import java.util.concurrent.atomic.AtomicBoolean;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.rclab.core.FastMath;

/**
 * {@link LeakyTanh} on the Java 17 Vector API: {@link FastMath#tanh}'s steps lane by lane (the
 * same fused multiply-adds, the one division, the same exponent bits), so the same bits as the
 * scalar loop. Only exactly rounded operations are used, never the API's {@code TANH} or
 * {@code EXP}: those are Intel's SVML once C2 has compiled the loop but {@code Math}'s functions
 * before, so a run's bits would depend on when the JIT got there. The last partial vector is
 * done by the scalar twin. Loaded by reflection from {@link LeakyTanh#best()} only when the
 * module {@code jdk.incubator.vector} is in the boot layer.
 *
 * <p>Until C2 has compiled it, Vector API code boxes every vector and runs a hundred times
 * slower than the scalar loop, and getting it compiled costs about 0.35 s of a core in a fresh
 * JVM, which a 2000-node reservoir's 21000-step training does not earn back (its run + fit took
 * 1.2-1.4 s with it, 1.05-1.2 s without, on two cores). Since both loops give the same bits,
 * {@link #preferred()}'s instance decides as in the ski-rental problem: it runs the scalar loop
 * until that has cost about what the warm-up costs ({@link #RENT} elements, about 0.35 s), then
 * starts {@link #warmUp()} on a daemon thread, which runs the vector loop on a small slice until
 * it takes compiled time and then lets every later call use it. Long runs (autonomous runs,
 * Lyapunov spectra, large reservoirs) get the vector loop; short ones do not pay for it.
 *
 * <p>This is mutable state shared by every reservoir of the JVM (the one instance
 * {@link LeakyTanh#best()} returns), against DESIGN.md's rule: it decides only which of two loops
 * with the same bits runs, never a result. Thread-safe.
 */
final class VectorLeakyTanh extends LeakyTanh {

    /** This CPU's widest vectors; one width per JVM, so the JIT sees one loop (two would not all inline). */
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    // the Taylor coefficients as constants the JIT folds into the loop
    private static final double C0 = FastMath.expm1Coefficient(0);
    private static final double C1 = FastMath.expm1Coefficient(1);
    private static final double C2 = FastMath.expm1Coefficient(2);
    private static final double C3 = FastMath.expm1Coefficient(3);
    private static final double C4 = FastMath.expm1Coefficient(4);
    private static final double C5 = FastMath.expm1Coefficient(5);
    private static final double C6 = FastMath.expm1Coefficient(6);
    private static final double C7 = FastMath.expm1Coefficient(7);
    private static final double C8 = FastMath.expm1Coefficient(8);
    private static final double C9 = FastMath.expm1Coefficient(9);
    private static final double C10 = FastMath.expm1Coefficient(10);
    private static final double C11 = FastMath.expm1Coefficient(11);

    /** Set once the vector loop runs at compiled speed; until then calls take the scalar twin. */
    private volatile boolean compiled;
    /** Elements the scalar loop may do before the vector loop is warmed up: 5 ns each, about 0.35 s. */
    static final long RENT = 70_000_000L;

    private final long rent;
    /**
     * Elements done by the scalar loop so far; updated without synchronisation by every thread
     * (an estimate is enough) and no longer once the warm-up has started.
     */
    private long rented;
    /** Whether a warm-up thread was started, and whether a warm-up ran. */
    private final AtomicBoolean started = new AtomicBoolean();
    private boolean tried;

    private VectorLeakyTanh(boolean compiled, long rent) {
        this.compiled = compiled;
        this.rent = rent;
    }

    /** The implementation for this CPU's preferred vector width, or null if it is below 256 bits. */
    static LeakyTanh preferred() {
        return S.vectorBitSize() >= 256 ? new VectorLeakyTanh(false, RENT) : null;
    }

    /** One that runs the vector loop from the first call on (tests). */
    static VectorLeakyTanh compiledForTests() {
        return new VectorLeakyTanh(true, RENT);
    }

    /** One that switches after {@code rent} scalar elements (tests). */
    static VectorLeakyTanh withRent(long rent) {
        return new VectorLeakyTanh(false, rent);
    }

    /** True once calls run the vector loop. */
    boolean compiled() {
        return compiled;
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    /**
     * Runs the vector loop on a small slice until 200 calls in a row take compiled time (or for at
     * most 2 s; then calls keep taking the scalar loop), then lets {@link #apply} use it. The
     * slice is not a whole number of vectors and both kinds of call run (with and without
     * slopes), so the compiled code has seen every branch a real call takes. If another thread
     * is at it, waits for it to end.
     */
    synchronized void warmUp() {
        if (compiled || tried) {
            return;
        }
        tried = true;
        // many short calls, so that the JIT compiles the entry point callers take, not only this loop
        int n = 64 + S.length() - 1;
        double[] z = new double[n];
        double[] x = new double[n];
        double[] slopes = new double[n];
        long deadline = System.nanoTime() + 2_000_000_000L;
        int fast = 0;
        while (fast < 200 && System.nanoTime() < deadline) {
            for (int i = 0; i < n; i++) {
                z[i] = Math.sin(i) * 3;
            }
            long start = System.nanoTime();
            vector(z, 0, x, 0, n, 0.5, null, 0);
            vector(z, 0, x, 0, n, 1.0, slopes, 0);
            fast = System.nanoTime() - start < 1_500 ? fast + 1 : 0; // compiled: ~0.15 us; boxed: ~3 us
        }
        compiled = fast >= 200;
    }

    @Override
    public void apply(double[] z, int zo, double[] x, int xo, int n, double a, double[] slopes, int so) {
        if (compiled) {
            vector(z, zo, x, xo, n, a, slopes, so);
            return;
        }
        if (!started.get() && (rented += n) > rent && !started.getAndSet(true)) {
            Thread thread = new Thread(this::warmUp, "rclab-tanh-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
        super.apply(z, zo, x, xo, n, a, slopes, so);
    }

    private void vector(double[] z, int zo, double[] x, int xo, int n, double a, double[] slopes, int so) {
        double keep = 1 - a;
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            DoubleVector t = tanh(DoubleVector.fromArray(S, z, zo + i));
            DoubleVector.fromArray(S, x, xo + i).mul(keep).add(t.mul(a)).intoArray(z, zo + i);
            if (slopes != null) {
                t.mul(t).neg().add(1.0).intoArray(slopes, so + i);
            }
        }
        super.apply(z, zo + bound, x, xo + bound, n - bound, a, slopes, slopes == null ? 0 : so + bound);
    }

    /** {@link FastMath#tanh} on every lane, step for step. */
    private static DoubleVector tanh(DoubleVector x) {
        DoubleVector y = x.abs().mul(2.0).min(FastMath.TANH_Y_MAX);
        DoubleVector shifted = y.fma(FastMath.LOG2E, FastMath.ROUNDER);
        DoubleVector k = shifted.sub(FastMath.ROUNDER);
        DoubleVector r = k.neg().fma(y.broadcast(FastMath.LN2_HI), y);
        r = k.neg().fma(y.broadcast(FastMath.LN2_LO), r);
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector r8 = r4.mul(r4);
        DoubleVector q0 = r.fma(C3, C2).fma(r2, r.fma(C1, C0));
        DoubleVector q1 = r.fma(C7, C6).fma(r2, r.fma(C5, C4));
        DoubleVector q2 = r.fma(C11, C10).fma(r2, r.fma(C9, C8));
        DoubleVector h = q2.fma(r8, q1.fma(r4, q0));
        DoubleVector expm1r = r2.fma(h, r);
        LongVector bits = shifted.reinterpretAsLongs().add(1023).lanewise(VectorOperators.LSHL, 52);
        DoubleVector twoK = bits.reinterpretAsDoubles();
        DoubleVector e = twoK.fma(expm1r, twoK.sub(1.0));
        DoubleVector t = e.div(e.add(2.0));
        LongVector sign = x.reinterpretAsLongs().and(Long.MIN_VALUE);
        return t.reinterpretAsLongs().or(sign).reinterpretAsDoubles();
    }
}
