package org.rclab.metrics;

import java.util.Arrays;

import org.jtransforms.fft.DoubleFFT_1D;
import org.rclab.core.Checks;

/**
 * Long-run statistics of a trajectory ("climate") and distances between two of them: the return
 * map of successive maxima (Lorenz 1963's z-maxima map), marginal distributions compared by the
 * 1-Wasserstein distance, and power spectra by Welch's method.
 */
public final class Climate {

    private Climate() {
    }

    /** Values of the strict local maxima of {@code x} (interior points above both neighbours). */
    public static double[] localMaxima(double[] x) {
        double[] out = new double[x.length / 2 + 1];
        int k = 0;
        for (int i = 1; i + 1 < x.length; i++) {
            if (x[i] > x[i - 1] && x[i] >= x[i + 1]) {
                out[k++] = x[i];
            }
        }
        return Arrays.copyOf(out, k);
    }

    /**
     * The return map of successive maxima: {@code [n][0] = M_n}, {@code [n][1] = M_{n+1}}
     * (Lorenz 1963, Fig. 4).
     */
    public static double[][] returnMap(double[] x) {
        double[] m = localMaxima(x);
        double[][] map = new double[Math.max(0, m.length - 1)][];
        for (int n = 0; n + 1 < m.length; n++) {
            map[n] = new double[] {m[n], m[n + 1]};
        }
        return map;
    }

    /**
     * Mean distance from each point of map {@code a} to the nearest point of map {@code b}, divided
     * by the standard deviation of b's first coordinate: 0 when a lies on b's curve.
     *
     * @throws IllegalArgumentException if b's first coordinates are constant (standard deviation 0)
     */
    public static double returnMapDistance(double[][] a, double[][] b) {
        Checks.require(a.length > 0 && b.length > 0, "return maps must not be empty, got " + a.length + " and "
                + b.length + " points");
        double[] bx = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            bx[i] = b[i][0];
        }
        double scale = Metrics.std(bx);
        Metrics.requireSpread("b's first coordinate", bx, scale, "standard deviation");
        double sum = 0;
        for (double[] p : a) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] q : b) {
                double dx = p[0] - q[0];
                double dy = p[1] - q[1];
                best = Math.min(best, dx * dx + dy * dy);
            }
            sum += Math.sqrt(best);
        }
        return sum / a.length / scale;
    }

    /**
     * The 1-Wasserstein (earth mover's) distance between the empirical distributions of two
     * samples, {@code integral |F_a(x) - F_b(x)| dx}, divided by the standard deviation of
     * {@code b}: a scale-free distance between histograms (0 for identical distributions).
     *
     * @throws IllegalArgumentException if b is constant (standard deviation 0)
     */
    public static double wasserstein(double[] a, double[] b) {
        Checks.require(a.length > 0 && b.length > 0, "samples must not be empty");
        double scale = Metrics.std(b);
        Metrics.requireSpread("b", b, scale, "standard deviation");
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        // integrate |F_x - F_y| over the merged support
        int i = 0;
        int j = 0;
        double prev = Math.min(x[0], y[0]);
        double sum = 0;
        while (i < x.length || j < y.length) {
            boolean fromX = j >= y.length || (i < x.length && x[i] <= y[j]);
            double next = fromX ? x[i] : y[j];
            double fx = (double) i / x.length;
            double fy = (double) j / y.length;
            sum += Math.abs(fx - fy) * (next - prev);
            prev = next;
            if (fromX) {
                i++;
            } else {
                j++;
            }
        }
        return sum / scale;
    }

    /** Histogram of {@code x} on {@code bins} equal bins over [lo, hi], as a density (integrates to the in-range fraction). */
    public static double[] histogram(double[] x, double lo, double hi, int bins) {
        Checks.positive("bins", bins);
        Checks.require(hi > lo, "hi must exceed lo, got [" + lo + ", " + hi + "]");
        double[] h = new double[bins];
        double width = (hi - lo) / bins;
        for (double v : x) {
            int k = (int) Math.floor((v - lo) / width);
            if (k >= 0 && k < bins) {
                h[k] += 1;
            } else if (v == hi) {
                h[bins - 1] += 1;
            }
        }
        for (int k = 0; k < bins; k++) {
            h[k] /= x.length * width;
        }
        return h;
    }

    /**
     * One-sided power spectral density by Welch's method (Hann window, 50% overlap) of a series
     * sampled every {@code dt}: {@code [0]} frequencies {@code f_k = k / (segment dt)}, k = 0 ..
     * segment/2 (cycles per time unit), {@code [1]} PSD. An odd segment has (segment + 1) / 2 bins
     * and no Nyquist bin.
     *
     * @param segment segment length, a power of two helps the FFT; at most x.length
     */
    public static double[][] powerSpectrum(double[] x, double dt, int segment) {
        Checks.positive("dt", dt);
        Checks.require(segment >= 4 && segment <= x.length,
                "segment must be in [4, " + x.length + "], got " + segment);
        double mean = Metrics.mean(x);
        double[] window = new double[segment];
        double wss = 0;
        for (int i = 0; i < segment; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / segment);
            wss += window[i] * window[i];
        }
        int half = segment / 2;
        double[] psd = new double[half + 1];
        double[] buf = new double[segment];
        DoubleFFT_1D fft = new DoubleFFT_1D(segment);
        int count = 0;
        for (int start = 0; start + segment <= x.length; start += segment / 2) {
            for (int i = 0; i < segment; i++) {
                buf[i] = (x[start + i] - mean) * window[i];
            }
            fft.realForward(buf);
            // JTransforms packs Re[0], then in buf[1] Re[n/2] (n even) or Im[(n-1)/2] (n odd), then
            // (Re[k], Im[k]) pairs; for odd n the last pair is cut to Re[(n-1)/2] = buf[n-1]
            psd[0] += buf[0] * buf[0];
            if (segment % 2 == 0) {
                psd[half] += buf[1] * buf[1];
            } else {
                psd[half] += buf[segment - 1] * buf[segment - 1] + buf[1] * buf[1];
            }
            for (int k = 1; k < half; k++) {
                double re = buf[2 * k];
                double im = buf[2 * k + 1];
                psd[k] += re * re + im * im;
            }
            count++;
        }
        double[] freq = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            double scale = dt / (wss * count);
            boolean nyquist = k == half && segment % 2 == 0;
            psd[k] *= (k == 0 || nyquist) ? scale : 2 * scale;
            freq[k] = k / (segment * dt);
        }
        return new double[][] {freq, psd};
    }

    /**
     * The time-averaged spatial power spectrum of a periodic field sampled on a uniform grid (rows
     * are times, columns grid points): {@code [0]} wavenumbers {@code k_n = 2 pi n / length},
     * {@code [1]} the mean of {@code |u_hat_n|^2} with {@code u_hat_n = (1/Q) sum_j u_j e^{-i k_n x_j}},
     * for n = 0 .. Q/2.
     */
    public static double[][] spatialPowerSpectrum(org.rclab.core.TimeSeries field, double length) {
        Checks.positive("length", length);
        int q = field.cols();
        Checks.require(q >= 2 && q % 2 == 0, "the field needs an even number of grid points, got " + q);
        DoubleFFT_1D fft = new DoubleFFT_1D(q);
        double[] buf = new double[q];
        double[] power = new double[q / 2 + 1];
        for (int i = 0; i < field.rows(); i++) {
            field.rowInto(i, buf);
            fft.realForward(buf);
            power[0] += buf[0] * buf[0];
            power[q / 2] += buf[1] * buf[1];
            for (int n = 1; n < q / 2; n++) {
                power[n] += buf[2 * n] * buf[2 * n] + buf[2 * n + 1] * buf[2 * n + 1];
            }
        }
        double[] k = new double[q / 2 + 1];
        for (int n = 0; n <= q / 2; n++) {
            power[n] /= (double) field.rows() * q * q;
            k[n] = 2 * Math.PI * n / length;
        }
        return new double[][] {k, power};
    }
}
