/**
 * Files in and out: NumPy {@code .npy} arrays ({@link org.rclab.io.Npy}, {@link org.rclab.io.NpyArray})
 * and {@code .npz} archives ({@link org.rclab.io.Npz}) byte-compatible with NumPy, CSV time series
 * ({@link org.rclab.io.Csv}), and atomic writes ({@link org.rclab.core.AtomicFiles}) so that nothing
 * is left half-written. Time series are rows = time x cols = variables.
 */
package org.rclab.io;
