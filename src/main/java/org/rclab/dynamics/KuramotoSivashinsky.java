package org.rclab.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jtransforms.fft.DoubleFFT_1D;
import org.rclab.core.Checks;

/**
 * The Kuramoto-Sivashinsky equation on the periodic domain {@code [0, L)}, optionally with the
 * spatially inhomogeneous term of Pathak et al. (2017):
 *
 * <pre>
 *   u_t = -u u_x - (1 + mu cos(2 pi x / lambda)) u_xx - u_xxxx,
 * </pre>
 *
 * <p>sampled on {@code Q} grid points {@code x_j = j L / Q}. With {@code mu = 0} (see
 * {@link #of(double, int)}) it is the homogeneous equation of Kuramoto (1978) and Sivashinsky
 * (1977); {@code lambda} is then unused. With {@code mu != 0}, {@code L / lambda} must be an
 * integer so that the coefficient is periodic on the domain (for example {@code lambda = L / 4}).
 * References: J. Pathak, Z. Lu, B. R. Hunt, M. Girvan, E. Ott, Chaos 27, 121102 (2017),
 * doi:10.1063/1.5010300, arXiv:1710.07313; the standard chaotic benchmark is {@code L = 22,
 * Q = 64}.
 *
 * <p>This record is an immutable, validated configuration. The state is the grid field
 * {@code u[j] = u(x_j)}, a {@code double[Q]}; trajectories have rows = time and columns
 * {@code u0 .. u{Q-1}}. Time stepping is done by {@link #etdrk4(double)}, a pseudo-spectral
 * ETDRK4 integrator on real FFTs with tangent dynamics for Lyapunov exponents.
 *
 * <pre>{@code
 * KuramotoSivashinsky ks = KuramotoSivashinsky.of(22, 64);
 * double[] u = ks.initialCondition(new Seeds(42).stream("ks"));
 * KuramotoSivashinsky.Etdrk4 step = ks.etdrk4(0.25);
 * for (int n = 0; n < 4000; n++) step.step(u);   // transient onto the attractor
 * }</pre>
 *
 * @param L      domain length, positive and finite
 * @param Q      number of grid points, a positive even number (a power of two is fastest and
 *               makes the integrator allocation-free)
 * @param mu     strength of the inhomogeneous term, finite; 0 for the homogeneous equation
 * @param lambda wavelength of the inhomogeneous term; positive, finite and dividing {@code L}
 *               when {@code mu != 0}, ignored otherwise
 */
public record KuramotoSivashinsky(double L, int Q, double mu, double lambda) {

    /** Relative tolerance on {@code L / lambda} being an integer. */
    private static final double PERIODICITY_TOLERANCE = 1e-9;

    /** Validates the parameters; each error names the parameter, the rule and the value. */
    public KuramotoSivashinsky {
        Checks.positive("L", L);
        Checks.positiveEven("Q", Q);
        Checks.finite("mu", mu);
        if (mu != 0) {
            Checks.positive("lambda", lambda);
            double ratio = L / lambda;
            double nearest = Math.rint(ratio);
            if (nearest < 1 || Math.abs(ratio - nearest) > PERIODICITY_TOLERANCE * ratio) {
                throw new IllegalArgumentException("lambda must divide L (L / lambda a positive integer,"
                        + " so that cos(2 pi x / lambda) is periodic on [0, L)), got lambda = " + lambda
                        + ", L / lambda = " + ratio);
            }
        }
    }

    /** The homogeneous equation {@code u_t = -u u_x - u_xx - u_xxxx} ({@code mu = 0}). */
    public static KuramotoSivashinsky of(double L, int Q) {
        return new KuramotoSivashinsky(L, Q, 0.0, L);
    }

    /** True when {@code mu = 0}: the spatial mean of {@code u} is then conserved. */
    public boolean isHomogeneous() {
        return mu == 0;
    }

    /** Grid spacing {@code L / Q}. */
    public double dx() {
        return L / Q;
    }

    /** The grid {@code x_j = j L / Q}, {@code j = 0 .. Q-1}. */
    public double[] grid() {
        double[] x = new double[Q];
        for (int j = 0; j < Q; j++) {
            x[j] = j * L / Q;
        }
        return x;
    }

    /** The non-negative wavenumbers {@code k_n = 2 pi n / L}, {@code n = 0 .. Q/2} (the last is Nyquist). */
    public double[] wavenumbers() {
        double[] k = new double[Q / 2 + 1];
        for (int n = 0; n <= Q / 2; n++) {
            k[n] = 2 * Math.PI * n / L;
        }
        return k;
    }

    /**
     * The eigenvalues {@code k_n^2 - k_n^4} of the linear part for {@code n = 0 .. Q/2}: Fourier
     * mode {@code n} grows at this rate in the linear regime of the homogeneous equation (unstable
     * for {@code 0 < k_n < 1}).
     */
    public double[] linearRates() {
        double[] k = wavenumbers();
        double[] rate = new double[k.length];
        for (int n = 0; n < k.length; n++) {
            rate[n] = k[n] * k[n] - k[n] * k[n] * k[n] * k[n];
        }
        return rate;
    }

    /** Column names {@code u0 .. u{Q-1}}, the values {@code u(x_j)}. */
    public List<String> variableNames() {
        List<String> names = new ArrayList<>(Q);
        for (int j = 0; j < Q; j++) {
            names.add("u" + j);
        }
        return names;
    }

    /**
     * A smooth, small, mean-zero initial field: {@code 4} low Fourier modes with amplitude
     * {@code 0.1}, see {@link #initialCondition(SplittableRandom, int, double)}.
     */
    public double[] initialCondition(SplittableRandom random) {
        return initialCondition(random, Math.min(4, Q / 2 - 1), 0.1);
    }

    /**
     * A smooth, mean-zero initial field
     * {@code u(x) = sum_{n=1}^{modes} a_n cos(k_n x) + b_n sin(k_n x)} with {@code a_n, b_n}
     * uniform in {@code [-amplitude, amplitude]} drawn from {@code random} (which is advanced).
     * Unlike the Kassam-Trefethen field {@code cos(x/16)(1 + sin(x/16))}, which is periodic only
     * for {@code L = 32 pi}, it suits any {@code L}. The computed grid mean is subtracted.
     *
     * @param modes     number of Fourier modes, in {@code [1, Q/2 - 1]} (Nyquist excluded)
     * @param amplitude bound on each coefficient, positive and finite
     */
    public double[] initialCondition(SplittableRandom random, int modes, double amplitude) {
        if (random == null) {
            throw new IllegalArgumentException("random must not be null");
        }
        Checks.inRange("modes", modes, 1, Q / 2 - 1);
        Checks.positive("amplitude", amplitude);
        double[] u = new double[Q];
        double[] x = grid();
        for (int n = 1; n <= modes; n++) {
            double a = amplitude * (2 * random.nextDouble() - 1);
            double b = amplitude * (2 * random.nextDouble() - 1);
            double k = 2 * Math.PI * n / L;
            for (int j = 0; j < Q; j++) {
                u[j] += a * Math.cos(k * x[j]) + b * Math.sin(k * x[j]);
            }
        }
        double mean = spatialMean(u);
        for (int j = 0; j < Q; j++) {
            u[j] -= mean;
        }
        return u;
    }

    /** The spatial mean {@code (1/Q) sum_j u_j} (conserved by the homogeneous equation). */
    public static double spatialMean(double[] u) {
        Checks.require(u.length > 0, "u must have at least one entry, got 0");
        double s = 0;
        for (double v : u) {
            s += v;
        }
        return s / u.length;
    }

    /** A new ETDRK4 integrator with time step {@code dt} (positive and finite); not thread-safe. */
    public Etdrk4 etdrk4(double dt) {
        return new Etdrk4(this, dt, false);
    }

    /**
     * An ETDRK4 integrator whose tangent vectors are kept mean-free (their Fourier k = 0 component
     * removed after every step): the Lyapunov spectrum on the subspace of mean-zero fields, where
     * data of zero mean live. It drops the Galilean zero exponent, which a model trained on such
     * data cannot see, so it is the spectrum to compare a trained reservoir with. Only for the
     * homogeneous equation (mu = 0), whose mean is conserved.
     */
    public Etdrk4 etdrk4MeanFree(double dt) {
        if (!isHomogeneous()) {
            throw new IllegalArgumentException("mean-free tangents need mu = 0 (a conserved mean), got mu = " + mu);
        }
        return new Etdrk4(this, dt, true);
    }

    /**
     * Fourth-order exponential time differencing Runge-Kutta (ETDRK4) of Cox and Matthews (2002,
     * J. Comput. Phys. 176, 430, doi:10.1006/jcph.2002.6995), with the coefficients evaluated by
     * contour integrals on {@code M = 16} points as in Kassam and Trefethen (2005, SIAM J. Sci.
     * Comput. 26(4), 1214, doi:10.1137/S1064827502410633).
     *
     * <p>In Fourier space {@code u^_t = L_k u^ + N(u)^} with the diagonal linear part
     * {@code L_k = k^2 - k^4}, {@code k = 2 pi n / L}, and the nonlinear part
     * {@code N(u) = -(1/2) (u^2)_x - mu cos(2 pi x / lambda) u_xx}, computed pseudo-spectrally
     * (products in physical space, derivatives in Fourier space, no dealiasing, as in Kassam and
     * Trefethen). Only real FFTs are used (JTransforms {@code realForward}/{@code realInverse}),
     * so the field stays exactly real. The Nyquist mode has zero first derivative and its true
     * {@code k} in the even derivatives. One step:
     *
     * <pre>
     *   a = E2 v + Q N(v),   b = E2 v + Q N(a),   c = E2 a + Q (2 N(b) - N(v)),
     *   v' = E v + f1 N(v) + 2 f2 (N(a) + N(b)) + f3 N(c),     E = exp(h L), E2 = exp(h L / 2).
     * </pre>
     *
     * <p><b>Tangent dynamics.</b> {@link #step(double[], double[][])} applies the same scheme to
     * the augmented system {@code (u, v_1 .. v_k)} with
     * {@code v_t = -(u v)_x - (1 + mu cos(2 pi x / lambda)) v_xx - v_xxxx}: same linear operator,
     * tangent nonlinear part {@code -(u v)_x - mu cos(..) v_xx} at the stage values of {@code u}.
     * The result is the exact derivative of the discrete step map, applied to each tangent, in
     * the full phase space: for {@code mu = 0} the mean of a perturbation is conserved (the
     * Galilean mode), which adds one zero exponent to the two of time and space translation. That
     * is how the spectrum is counted in the literature, e.g. Edson, Bunder, Mattner, Roberts 2019
     * (ANZIAM J. 61:270, arXiv:1902.09651), whose L = 22 Kaplan-Yorke dimension 5.2 includes it.
     *
     * <p>The state is the grid field {@code u(x_j)}, length {@code Q}. All buffers are
     * preallocated; a step allocates nothing when {@code Q} is a power of two (other even
     * {@code Q} go through JTransforms' mixed-radix path, which allocates a scratch array per
     * transform, and {@code Q >= 8192} may use JTransforms' thread pool). Not thread-safe: each
     * thread needs its own instance.
     */
    public static final class Etdrk4 implements TangentMap {

        /** Number of contour points (Kassam and Trefethen 2005). */
        private static final int M = 16;

        private final KuramotoSivashinsky system;
        private final int q;
        private final double h;
        private final boolean homogeneous;
        private final DoubleFFT_1D fft;

        // ETDRK4 coefficients, one per entry of JTransforms' packed real spectrum:
        // index 0 = mode 0, index 1 = Nyquist mode Q/2, indices 2n, 2n+1 = (Re, Im) of mode n.
        private final double[] e;
        private final double[] e2;
        private final double[] qc;
        private final double[] f1;
        private final double[] f2;
        private final double[] f3;
        /** Wavenumber of mode {@code n} at packed indices {@code 2n, 2n+1}; 0 at indices 0, 1. */
        private final double[] kOdd;
        /** Multiplier {@code -k^2} of the second derivative at each packed index (Nyquist included). */
        private final double[] kxx;
        /** {@code -mu cos(2 pi x_j / lambda)}, or null when {@code mu = 0}. */
        private final double[] forcing;

        // spectral stage buffers, reused by the tangents after the state step
        private final double[] v;
        private final double[] nv;
        private final double[] a;
        private final double[] na;
        private final double[] b;
        private final double[] nb;
        private final double[] c;
        private final double[] nc;
        /** Physical scratch. */
        private final double[] p;
        /** Physical state at the four stages (v, a, b, c), kept for the tangents. */
        private final double[][] stage;
        /** Remove the k = 0 component of every tangent after each step. */
        private final boolean meanFree;

        private Etdrk4(KuramotoSivashinsky system, double dt, boolean meanFree) {
            Checks.positive("dt", dt);
            this.meanFree = meanFree;
            this.system = system;
            this.q = system.Q();
            this.h = dt;
            this.homogeneous = system.isHomogeneous();
            this.fft = new DoubleFFT_1D(q);

            e = new double[q];
            e2 = new double[q];
            qc = new double[q];
            f1 = new double[q];
            f2 = new double[q];
            f3 = new double[q];
            kOdd = new double[q];
            kxx = new double[q];
            double[] k = system.wavenumbers();
            for (int n = 0; n <= q / 2; n++) {
                double kn = k[n];
                double lin = kn * kn - kn * kn * kn * kn;
                double[] coef = coefficients(h, lin);
                for (int i : packedIndices(n, q)) {
                    e[i] = Math.exp(h * lin);
                    e2[i] = Math.exp(h * lin / 2);
                    qc[i] = coef[0];
                    f1[i] = coef[1];
                    f2[i] = coef[2];
                    f3[i] = coef[3];
                    kxx[i] = -kn * kn;
                    kOdd[i] = (n == 0 || n == q / 2) ? 0.0 : kn;
                }
            }
            for (double[] arr : new double[][] {e, e2, qc, f1, f2, f3}) {
                for (double value : arr) {
                    if (!Double.isFinite(value)) {
                        throw new IllegalArgumentException("dt must be small enough for finite ETDRK4"
                                + " coefficients (exp(dt (k^2 - k^4)) overflows), got " + dt);
                    }
                }
            }
            if (homogeneous) {
                forcing = null;
            } else {
                forcing = new double[q];
                double[] x = system.grid();
                for (int j = 0; j < q; j++) {
                    forcing[j] = -system.mu() * Math.cos(2 * Math.PI * x[j] / system.lambda());
                }
            }

            v = new double[q];
            nv = new double[q];
            a = new double[q];
            na = new double[q];
            b = new double[q];
            nb = new double[q];
            c = new double[q];
            nc = new double[q];
            p = new double[q];
            stage = new double[4][q];
        }

        /** The packed-spectrum indices holding Fourier mode {@code n}. */
        private static int[] packedIndices(int n, int q) {
            if (n == 0) {
                return new int[] {0};
            }
            if (n == q / 2) {
                return new int[] {1};
            }
            return new int[] {2 * n, 2 * n + 1};
        }

        /**
         * {@code {Q, f1, f2, f3}} for one mode with linear rate {@code lin}, by the mean over
         * {@code M} points {@code z = h lin + exp(i pi (m - 1/2) / M)} on the upper unit half
         * circle (the real part of that mean is the full-circle mean for real {@code h lin}).
         */
        private static double[] coefficients(double h, double lin) {
            double sq = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int m = 1; m <= M; m++) {
                double theta = Math.PI * (m - 0.5) / M;
                Complex z = new Complex(h * lin + Math.cos(theta), Math.sin(theta));
                Complex ez = z.exp();
                Complex ez2 = z.scale(0.5).exp();
                Complex z2 = z.times(z);
                Complex z3 = z2.times(z);
                sq += ez2.minus(1).div(z).re;
                // (-4 - z + e^z (4 - 3z + z^2)) / z^3
                s1 += z.scale(-1).minus(4).plus(ez.times(z2.minus(z.scale(3)).plus(4))).div(z3).re;
                // (2 + z + e^z (z - 2)) / z^3
                s2 += z.plus(2).plus(ez.times(z.minus(2))).div(z3).re;
                // (-4 - 3z - z^2 + e^z (4 - z)) / z^3
                s3 += z.scale(-3).minus(z2).minus(4).plus(ez.times(z.scale(-1).plus(4))).div(z3).re;
            }
            return new double[] {h * sq / M, h * s1 / M, h * s2 / M, h * s3 / M};
        }

        /** The configuration this integrator advances. */
        public KuramotoSivashinsky system() {
            return system;
        }

        @Override
        public int dimension() {
            return q;
        }

        @Override
        public double timeStep() {
            return h;
        }

        @Override
        public List<String> outputNames() {
            return system.variableNames();
        }

        /** Advances the grid field {@code state} (length {@code Q}) by one step {@code dt}, in place. */
        @Override
        public void step(double[] state) {
            Checks.length("state", state, q);
            advanceState(state);
        }

        /**
         * Advances {@code state} and each row of {@code tangents} (grid fields of length {@code Q})
         * by one step, in place; the state ends exactly as {@link #step(double[])} leaves it.
         * Rows must be distinct arrays, none of them {@code state}.
         */
        @Override
        public void step(double[] state, double[][] tangents) {
            Checks.length("state", state, q);
            if (tangents == null) {
                throw new IllegalArgumentException("tangents must not be null");
            }
            for (int r = 0; r < tangents.length; r++) {
                if (tangents[r] == null) {
                    throw new IllegalArgumentException("tangents[" + r + "] must not be null");
                }
                // messages are built only on failure, so that a valid call allocates nothing
                if (tangents[r].length != q) {
                    Checks.length("tangents[" + r + "]", tangents[r], q);
                }
                if (tangents[r] == state) {
                    Checks.distinct("tangents[" + r + "]", tangents[r], "state", state);
                }
                for (int s = 0; s < r; s++) {
                    if (tangents[s] == tangents[r]) {
                        throw new IllegalArgumentException(
                                "tangents[" + r + "] must not be the same array as tangents[" + s + "]");
                    }
                }
            }
            advanceState(state);
            for (double[] tangent : tangents) {
                advanceTangent(tangent);
            }
        }

        /** One ETDRK4 step of the state; leaves the physical stage values in {@link #stage}. */
        private void advanceState(double[] state) {
            System.arraycopy(state, 0, v, 0, q);
            fft.realForward(v);
            nonlinear(v, nv, stage[0]);
            for (int i = 0; i < q; i++) {
                a[i] = e2[i] * v[i] + qc[i] * nv[i];
            }
            nonlinear(a, na, stage[1]);
            for (int i = 0; i < q; i++) {
                b[i] = e2[i] * v[i] + qc[i] * na[i];
            }
            nonlinear(b, nb, stage[2]);
            for (int i = 0; i < q; i++) {
                c[i] = e2[i] * a[i] + qc[i] * (2 * nb[i] - nv[i]);
            }
            nonlinear(c, nc, stage[3]);
            for (int i = 0; i < q; i++) {
                state[i] = e[i] * v[i] + f1[i] * nv[i] + 2 * f2[i] * (na[i] + nb[i]) + f3[i] * nc[i];
            }
            fft.realInverse(state, true);
        }

        /** The same ETDRK4 step for one tangent, linearised about the stored stage values. */
        private void advanceTangent(double[] tangent) {
            System.arraycopy(tangent, 0, v, 0, q);
            fft.realForward(v);
            linearised(v, nv, stage[0]);
            for (int i = 0; i < q; i++) {
                a[i] = e2[i] * v[i] + qc[i] * nv[i];
            }
            linearised(a, na, stage[1]);
            for (int i = 0; i < q; i++) {
                b[i] = e2[i] * v[i] + qc[i] * na[i];
            }
            linearised(b, nb, stage[2]);
            for (int i = 0; i < q; i++) {
                c[i] = e2[i] * a[i] + qc[i] * (2 * nb[i] - nv[i]);
            }
            linearised(c, nc, stage[3]);
            for (int i = 0; i < q; i++) {
                tangent[i] = e[i] * v[i] + f1[i] * nv[i] + 2 * f2[i] * (na[i] + nb[i]) + f3[i] * nc[i];
            }
            if (meanFree) {
                tangent[0] = 0.0;
            }
            fft.realInverse(tangent, true);
        }

        /**
         * Writes the spectrum of {@code N(u) = -(1/2)(u^2)_x - mu cos(..) u_xx} into {@code out},
         * given the spectrum {@code in}; the physical {@code u} is left in {@code phys}.
         */
        private void nonlinear(double[] in, double[] out, double[] phys) {
            System.arraycopy(in, 0, phys, 0, q);
            fft.realInverse(phys, true);
            for (int j = 0; j < q; j++) {
                out[j] = 0.5 * phys[j] * phys[j];
            }
            fft.realForward(out);
            minusDerivative(out);
            if (!homogeneous) {
                addForcing(in, out);
            }
        }

        /**
         * Writes the spectrum of {@code -(u w)_x - mu cos(..) w_xx} into {@code out}, given the
         * spectrum {@code in} of {@code w} and the physical {@code u}.
         */
        private void linearised(double[] in, double[] out, double[] uPhys) {
            System.arraycopy(in, 0, out, 0, q);
            fft.realInverse(out, true);
            for (int j = 0; j < q; j++) {
                out[j] *= uPhys[j];
            }
            fft.realForward(out);
            minusDerivative(out);
            if (!homogeneous) {
                addForcing(in, out);
            }
        }

        /** {@code out <- -d/dx out} in packed spectral form; modes 0 and Nyquist become 0. */
        private void minusDerivative(double[] s) {
            // d/dx (re + i im) e^{ikx} = ik (re + i im) = (-k im) + i (k re); forward FFT is e^{-ikx}
            s[0] = 0.0;
            s[1] = 0.0;
            for (int i = 2; i < q; i += 2) {
                double k = kOdd[i];
                double re = s[i];
                double im = s[i + 1];
                s[i] = k * im;
                s[i + 1] = -k * re;
            }
        }

        /** {@code out += FFT(-mu cos(2 pi x / lambda) w_xx)} for the spectrum {@code in} of {@code w}. */
        private void addForcing(double[] in, double[] out) {
            for (int i = 0; i < q; i++) {
                p[i] = kxx[i] * in[i];
            }
            fft.realInverse(p, true);
            for (int j = 0; j < q; j++) {
                p[j] *= forcing[j];
            }
            fft.realForward(p);
            for (int i = 0; i < q; i++) {
                out[i] += p[i];
            }
        }
    }

    /** Minimal complex arithmetic for the contour integrals (construction time only). */
    private record Complex(double re, double im) {

        Complex plus(Complex o) {
            return new Complex(re + o.re, im + o.im);
        }

        Complex plus(double x) {
            return new Complex(re + x, im);
        }

        Complex minus(Complex o) {
            return new Complex(re - o.re, im - o.im);
        }

        Complex minus(double x) {
            return new Complex(re - x, im);
        }

        Complex scale(double s) {
            return new Complex(s * re, s * im);
        }

        Complex times(Complex o) {
            return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
        }

        Complex div(Complex o) {
            // Smith's algorithm, robust to large |o|
            if (Math.abs(o.re) >= Math.abs(o.im)) {
                double r = o.im / o.re;
                double d = o.re + o.im * r;
                return new Complex((re + im * r) / d, (im - re * r) / d);
            }
            double r = o.re / o.im;
            double d = o.re * r + o.im;
            return new Complex((re * r + im) / d, (im * r - re) / d);
        }

        Complex exp() {
            double m = Math.exp(re);
            if (m == 0) {
                return new Complex(0, 0);
            }
            return new Complex(m * Math.cos(im), m * Math.sin(im));
        }
    }
}
