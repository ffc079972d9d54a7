package org.rclab.io;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the NumPy-written fixtures in src/test/resources/org/rclab/io (see data/README.md). */
final class Fixtures {

    /** The 3 x 2 float64 array of the fixtures {@code f8_3x2*.npy} and {@code savez*.npz}. */
    static final double[][] A = {{1.5, -2.25}, {0.1, 1e-300}, {Math.PI, -0.0}};

    private Fixtures() {
    }

    static Path path(String name) {
        URL url = Fixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
