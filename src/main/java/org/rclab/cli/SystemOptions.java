package org.rclab.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The SYSTEM argument and its {@code -p NAME=VALUE} parameters, shared by the commands that take a system. */
final class SystemOptions {

    @Parameters(index = "0", paramLabel = "SYSTEM", description = "the system: " + SystemSetup.NAMES)
    String system;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "a system parameter or the integration step dt, e.g. -p rho=28 -p dt=0.01")
    Map<String, Double> params = new LinkedHashMap<>();

    /** The named system with its parameters. */
    SystemSetup create() {
        return SystemSetup.create(system, params);
    }
}
