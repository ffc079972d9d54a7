package org.rclab.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.rclab.core.Checks;
import org.rclab.core.Seeds;
import org.rclab.dynamics.KuramotoSivashinsky;
import org.rclab.dynamics.Lorenz63;
import org.rclab.dynamics.Lorenz96;
import org.rclab.dynamics.MackeyGlass;
import org.rclab.dynamics.Rk4;
import org.rclab.dynamics.Rossler;
import org.rclab.dynamics.TangentMap;

/**
 * The systems the CLI knows, by name, with their literature parameters, integration step,
 * sampling step and initial state: what {@code simulate} and {@code lyapunov} need.
 *
 * @param name           the system's CLI name
 * @param parameters     the parameters used (defaults overridden by {@code -p name=value})
 * @param map            the integrator, with its tangent map
 * @param initial        the initial state
 * @param sampleStep     the default sampling step (time units)
 * @param transientTime  the default transient (time units)
 * @param lyapunovTime   the default averaging time of the Lyapunov spectrum
 * @param exponents      the default number of exponents
 */
record SystemSetup(String name, Map<String, Double> parameters, TangentMap map, double[] initial, double sampleStep,
                   double transientTime, double lyapunovTime, int exponents) {

    /** The system names, for help texts. */
    static final String NAMES = "lorenz63, rossler, lorenz96, mackey-glass, ks";

    /** The systems and their parameters with defaults, for help texts. */
    static final String SYSTEMS_HELP = """
            Systems and their parameters (-p NAME=VALUE; dt is the integration step):
              lorenz63      Lorenz 1963: sigma=10 rho=28 beta=8/3 dt=0.01 (RK4)
              rossler       Rossler 1976: a=0.2 b=0.2 c=5.7 dt=0.01 (RK4)
              lorenz96      Lorenz 1996: J=40 F=8 dt=0.01 (RK4)
              mackey-glass  Mackey-Glass 1977: beta=0.2 gamma=0.1 n=10 tau=17 dt=0.1
                            (RK4 on the history; sampled every 1 time unit)
              ks            Kuramoto-Sivashinsky: L=22 Q=64 dt=0.25 (ETDRK4), seed of u(0);
                            Pathak 2017 term (1 + mu cos(2 pi x/lambda)) u_xx: mu, lambda""";


    /** One system: its parameter defaults and how to build it. */
    private record Kind(String description, Map<String, Double> defaults, Function<Map<String, Double>, SystemSetup> build) {
    }

    private static final Map<String, Kind> KINDS = kinds();

    private static Map<String, Kind> kinds() {
        Map<String, Kind> k = new LinkedHashMap<>();
        k.put("lorenz63", new Kind("Lorenz 1963 (sigma, rho, beta), RK4", ordered("sigma", 10.0, "rho", 28.0, "beta", 8.0 / 3.0,
                "dt", 0.01), p -> {
                    var system = new Lorenz63(p.get("sigma"), p.get("rho"), p.get("beta"));
                    return new SystemSetup("lorenz63", p, new Rk4(system, p.get("dt")), system.defaultInitialState(),
                            0.02, 50.0, 10_000.0, 3);
                }));
        k.put("rossler", new Kind("Rossler 1976 (a, b, c), RK4", ordered("a", 0.2, "b", 0.2, "c", 5.7, "dt", 0.01), p -> {
            var system = new Rossler(p.get("a"), p.get("b"), p.get("c"));
            return new SystemSetup("rossler", p, new Rk4(system, p.get("dt")), system.defaultInitialState(), 0.1, 100.0,
                    50_000.0, 3);
        }));
        k.put("lorenz96", new Kind("Lorenz 1996 ring of J sites with forcing F, RK4", ordered("J", 40.0, "F", 8.0, "dt", 0.01),
                p -> {
                    var system = new Lorenz96(integer("J", p.get("J")), p.get("F"));
                    return new SystemSetup("lorenz96", p, new Rk4(system, p.get("dt")), system.defaultInitialState(),
                            0.05, 50.0, 2_000.0, 10);
                }));
        k.put("mackey-glass", new Kind("Mackey-Glass 1977 delay equation, RK4 on the history (Jaeger 2001 protocol)",
                ordered("beta", 0.2, "gamma", 0.1, "n", 10.0, "tau", 17.0, "dt", MackeyGlass.JAEGER_STEP), p -> {
                    var system = new MackeyGlass(p.get("beta"), p.get("gamma"), p.get("n"), p.get("tau"));
                    var integrator = system.integrator(p.get("dt"));
                    return new SystemSetup("mackey-glass", p, integrator,
                            integrator.initialHistory(MackeyGlass.INITIAL_VALUE), 1.0, 1000.0, 20_000.0, 4);
                }));
        k.put("ks", new Kind("Kuramoto-Sivashinsky on [0, L) with Q points, ETDRK4 (optional Pathak 2017 term mu, lambda)",
                ordered("L", 22.0, "Q", 64.0, "mu", 0.0, "lambda", 0.0, "dt", 0.25, "seed", 1.0), p -> {
                    double lambda = p.get("lambda") == 0.0 ? p.get("L") : p.get("lambda");
                    var system = new KuramotoSivashinsky(p.get("L"), integer("Q", p.get("Q")), p.get("mu"), lambda);
                    double[] u0 = system.initialCondition(new Seeds(integer("seed", p.get("seed"))).stream("ks-initial"));
                    return new SystemSetup("ks", p, system.etdrk4(p.get("dt")), u0, p.get("dt"), 1000.0, 25_000.0, 10);
                }));
        return k;
    }

    /** Builds the named system with {@code overrides} replacing its defaults. */
    static SystemSetup create(String name, Map<String, Double> overrides) {
        Kind kind = KINDS.get(name.toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new IllegalArgumentException("SYSTEM must be one of " + KINDS.keySet() + ", got '" + name + "'");
        }
        Map<String, Double> p = new LinkedHashMap<>(kind.defaults());
        for (var e : overrides.entrySet()) {
            if (!p.containsKey(e.getKey())) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' is not one of " + name + "'s "
                        + p.keySet());
            }
            p.put(e.getKey(), e.getValue());
        }
        if (p.containsKey("dt")) {
            Checks.positive("dt", p.get("dt"));
        }
        return kind.build().apply(p);
    }

    private static Map<String, Double> ordered(Object... pairs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return m;
    }

    private static int integer(String name, double value) {
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + value);
        }
        return (int) value;
    }
}
