#!/usr/bin/env python3
"""Reference timings for GramBenchmark: G = X^T X on OpenBLAS through numpy/scipy.

Same shapes as the Java benchmark: T = 20000 rows (time), N = 500, 1000, 2000 columns,
symmetric flop count N^2 T. Run it right before or after the JMH benchmark (the machine is
shared and noisy) and with the OpenBLAS overrides removed in that one command:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 src/jmh/python/gram_reference.py

Prints one line per method and size with the median and best GFLOP/s over --reps calls, and
which OpenBLAS (version, core kernel, threads) each library runs on.

  dsyrk   scipy.linalg.blas.dsyrk(1, X.T) on the C-ordered X: X.T is Fortran-ordered, so there
          is no copy; upper triangle only (what rclab's GramAccumulator computes)
  matmul  numpy X.T @ X (numpy calls syrk for this pattern and mirrors the triangle)
  chol    scipy.linalg.cho_factor + cho_solve of (G + beta I) W = B with 3 rhs, milliseconds
"""
import argparse
import ctypes
import glob
import os
import statistics
import time

import numpy as np


def openblas_info(package):
    """Version string and core name of the OpenBLAS bundled with a wheel, if any."""
    base = os.path.dirname(package.__file__)
    libs = glob.glob(os.path.join(base, "..", package.__name__ + ".libs", "*openblas*.so*"))
    for path in libs:
        lib = ctypes.CDLL(path)
        for suffix in ("64_", ""):
            try:
                cfg = getattr(lib, "scipy_openblas_get_config" + suffix)
                core = getattr(lib, "scipy_openblas_get_corename" + suffix)
                nthreads = getattr(lib, "scipy_openblas_get_num_threads" + suffix)
            except AttributeError:
                continue
            cfg.restype = ctypes.c_char_p
            core.restype = ctypes.c_char_p
            return "%s, core %s, %d threads" % (cfg().decode(), core().decode(), nthreads())
    return "no bundled OpenBLAS found (see numpy.show_config())"


def timed(fn, reps):
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,1000,2000")
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--chol", default="1000,2000,4000", help="sizes for the Cholesky solve ('' to skip)")
    args = ap.parse_args()

    print("numpy %s: %s" % (np.__version__, openblas_info(np)))
    try:
        import scipy
        from scipy.linalg import blas, cho_factor, cho_solve
        print("scipy %s: %s" % (scipy.__version__, openblas_info(scipy)))
    except ImportError:
        blas = None
        print("scipy not installed: dsyrk and chol skipped, X.T @ X only")
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS"):
        print("%s=%s" % (var, os.environ.get(var, "(unset)")))

    rng = np.random.default_rng(1)
    t = args.rows
    for n in [int(s) for s in args.sizes.split(",") if s]:
        x = rng.standard_normal((t, n))
        flops = float(n) * n * t
        methods = [("matmul", lambda: x.T @ x)]
        if blas is not None:
            methods.insert(0, ("dsyrk", lambda: blas.dsyrk(1.0, x.T, trans=0, lower=0)))
        for name, fn in methods:
            fn()  # warm-up (thread start, page faults)
            secs = timed(fn, args.reps)
            print("gram %-6s N=%5d T=%d  median %6.1f GFLOP/s  best %6.1f GFLOP/s  (N^2 T flops)"
                  % (name, n, t, flops / statistics.median(secs) * 1e-9, flops / min(secs) * 1e-9))
        del x

    if blas is not None:
        for n in [int(s) for s in args.chol.split(",") if s]:
            a = rng.standard_normal((n + 50, n))
            g = a.T @ a
            b = rng.standard_normal((n, 3))
            fn = lambda: cho_solve(cho_factor(g + 1e-3 * np.eye(n), lower=False, check_finite=False),
                                   b, check_finite=False)
            fn()
            secs = timed(fn, args.reps)
            print("chol   N=%5d m=3  median %7.1f ms  best %7.1f ms"
                  % (n, statistics.median(secs) * 1e3, min(secs) * 1e3))


if __name__ == "__main__":
    main()
