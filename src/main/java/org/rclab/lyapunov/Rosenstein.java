package org.rclab.lyapunov;

import org.rclab.core.Checks;

/**
 * The largest Lyapunov exponent from a scalar time series, model-free, by the method of Rosenstein,
 * Collins and De Luca 1993 (Physica D 65:117, doi:10.1016/0167-2789(93)90009-P).
 *
 * <p>The series is delay-embedded, {@code y_j = (x_j, x_{j+lag}, ..., x_{j+(m-1) lag})}; each point's
 * nearest neighbour at least {@code minSeparation} steps away in time is found, and the mean
 * logarithm of their distance after i steps, {@code <ln d_j(i)>}, is fitted by a line over the
 * steps {@code [fitFrom, fitTo]}: its slope divided by dt is lambda_1.
 */
public final class Rosenstein {

    /**
     * @param exponent     the fitted slope, per unit time
     * @param meanLogDistance {@code <ln d_j(i)>} for i = 0 .. horizon
     * @param dt           sampling step
     * @param fitFrom      first step of the fit
     * @param fitTo        last step of the fit
     * @param pairs        number of reference points averaged
     */
    public record Result(double exponent, double[] meanLogDistance, double dt, int fitFrom, int fitTo, int pairs) {
    }

    private Rosenstein() {
    }

    /**
     * Estimates lambda_1 of the system that produced {@code x}.
     *
     * @param x             the scalar series, sampled every {@code dt}
     * @param dimension     embedding dimension m
     * @param lag           embedding delay in steps
     * @param minSeparation least time separation (steps) of neighbours, about a mean period
     * @param horizon       steps the divergence is followed
     * @param fitFrom       first step of the linear fit
     * @param fitTo         last step of the linear fit ({@code <= horizon})
     */
    public static Result largestExponent(double[] x, double dt, int dimension, int lag, int minSeparation, int horizon,
                                         int fitFrom, int fitTo) {
        Checks.positive("dt", dt);
        Checks.positive("dimension", dimension);
        Checks.positive("lag", lag);
        Checks.nonNegative("minSeparation", minSeparation);
        Checks.positive("horizon", horizon);
        Checks.require(fitFrom >= 0 && fitFrom < fitTo && fitTo <= horizon,
                "fit range must satisfy 0 <= fitFrom < fitTo <= horizon = " + horizon + ", got [" + fitFrom + ", "
                        + fitTo + "]");
        Checks.finite("x", x);
        int points = x.length - (dimension - 1) * lag;
        int usable = points - horizon;
        Checks.require(usable > 2 * minSeparation + 10, "x is too short: " + x.length + " samples leave " + usable
                + " embedded points to follow for " + horizon + " steps");
        double[] sum = new double[horizon + 1];
        int[] count = new int[horizon + 1];
        int pairs = 0;
        for (int j = 0; j < usable; j++) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int k = 0; k < usable; k++) {
                if (Math.abs(k - j) <= minSeparation) {
                    continue;
                }
                double d2 = 0;
                for (int q = 0; q < dimension && d2 < bestDistance; q++) {
                    double diff = x[j + q * lag] - x[k + q * lag];
                    d2 += diff * diff;
                }
                if (d2 < bestDistance && d2 > 0) {
                    bestDistance = d2;
                    best = k;
                }
            }
            if (best < 0) {
                continue;
            }
            pairs++;
            for (int i = 0; i <= horizon; i++) {
                double d2 = 0;
                for (int q = 0; q < dimension; q++) {
                    double diff = x[j + i + q * lag] - x[best + i + q * lag];
                    d2 += diff * diff;
                }
                if (d2 > 0) {
                    sum[i] += 0.5 * Math.log(d2);
                    count[i]++;
                }
            }
        }
        double[] mean = new double[horizon + 1];
        for (int i = 0; i <= horizon; i++) {
            mean[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        }
        // least-squares slope over [fitFrom, fitTo]
        double st = 0;
        double sy = 0;
        double stt = 0;
        double sty = 0;
        int n = 0;
        for (int i = fitFrom; i <= fitTo; i++) {
            double t = i * dt;
            st += t;
            sy += mean[i];
            stt += t * t;
            sty += t * mean[i];
            n++;
        }
        double slope = (n * sty - st * sy) / (n * stt - st * st);
        return new Result(slope, mean, dt, fitFrom, fitTo, pairs);
    }
}
