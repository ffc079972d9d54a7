package org.rclab.reservoir;

/**
 * Nonlinear transforms of the reservoir state applied before the linear readout,
 * {@code y = W_out T(x)}, with their derivative for tangent maps. Indices are 0-based.
 *
 * <ul>
 *   <li>{@link #IDENTITY}: {@code T(x) = x}.</li>
 *   <li>{@link #PATHAK_SQUARE}: square every other node, {@code T(x)_j = x_j^2} for odd j
 *       (Pathak, Lu, Hunt, Girvan, Ott 2017, Chaos 27:121102, arXiv:1710.07313; it breaks the
 *       x -&gt; -x symmetry of tanh reservoirs).</li>
 *   <li>{@link #NLAT1}, {@link #NLAT2}, {@link #NLAT3}: the T1, T2, T3 of Chattopadhyay, Hassanzadeh,
 *       Subramanian 2020 (Nonlin. Processes Geophys. 27:373, arXiv:1906.08829) as in
 *       ReservoirComputing.jl: for even j, {@code x_j^2}; {@code x_{j-1} x_{j-2}} (2 &lt;= j &lt;= N-2);
 *       {@code x_{j-1} x_{j+1}} (2 &lt;= j &lt;= N-2).</li>
 * </ul>
 *
 * Kernels allocate nothing; {@code out} must not be {@code x}.
 */
public enum StateTransform {
    IDENTITY, PATHAK_SQUARE, NLAT1, NLAT2, NLAT3;

    /** Writes {@code T(x)} into {@code out} (same length). */
    public void apply(double[] x, double[] out) {
        check(x, out);
        int n = x.length;
        System.arraycopy(x, 0, out, 0, n);
        switch (this) {
            case IDENTITY -> {
            }
            case PATHAK_SQUARE -> {
                for (int j = 1; j < n; j += 2) {
                    out[j] = x[j] * x[j];
                }
            }
            case NLAT1 -> {
                for (int j = 0; j < n; j += 2) {
                    out[j] = x[j] * x[j];
                }
            }
            case NLAT2 -> {
                for (int j = 2; j <= n - 2; j += 2) {
                    out[j] = x[j - 1] * x[j - 2];
                }
            }
            case NLAT3 -> {
                for (int j = 2; j <= n - 2; j += 2) {
                    out[j] = x[j - 1] * x[j + 1];
                }
            }
            default -> throw new AssertionError(this);
        }
    }

    /** Writes the directional derivative {@code DT(x) v} into {@code out}. */
    public void jacobianTimes(double[] x, double[] v, double[] out) {
        check(x, out);
        check(v, out);
        int n = x.length;
        System.arraycopy(v, 0, out, 0, n);
        switch (this) {
            case IDENTITY -> {
            }
            case PATHAK_SQUARE -> {
                for (int j = 1; j < n; j += 2) {
                    out[j] = 2 * x[j] * v[j];
                }
            }
            case NLAT1 -> {
                for (int j = 0; j < n; j += 2) {
                    out[j] = 2 * x[j] * v[j];
                }
            }
            case NLAT2 -> {
                for (int j = 2; j <= n - 2; j += 2) {
                    out[j] = v[j - 1] * x[j - 2] + x[j - 1] * v[j - 2];
                }
            }
            case NLAT3 -> {
                for (int j = 2; j <= n - 2; j += 2) {
                    out[j] = v[j - 1] * x[j + 1] + x[j - 1] * v[j + 1];
                }
            }
            default -> throw new AssertionError(this);
        }
    }

    /** Parses {@code identity, pathak, nlat1, nlat2, nlat3} (case-insensitive, '-' or '_'). */
    public static StateTransform parse(String name) {
        String key = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        if (key.equals("PATHAK")) {
            return PATHAK_SQUARE;
        }
        try {
            return valueOf(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "transform must be one of identity, pathak, nlat1, nlat2, nlat3, got '" + name + "'", e);
        }
    }

    private static void check(double[] x, double[] out) {
        if (x == out) {
            throw new IllegalArgumentException("out must not be the same array as the input");
        }
        if (x.length != out.length) {
            throw new IllegalArgumentException("out must have the input's length " + x.length + ", got " + out.length);
        }
    }
}
