// JShell startup for rclab: the common imports, loaded by ./rclab shell after JShell's DEFAULT
// startup (java.util.*, java.io.*, ...). Also usable directly:
//     jshell --class-path target/rclab.jar --startup DEFAULT --startup notebooks/rclab-startup.jsh
import java.nio.file.*;
import org.rclab.core.*;
import org.rclab.dynamics.*;
import org.rclab.reservoir.*;
import org.rclab.readout.*;
import org.rclab.forecast.*;
import org.rclab.lyapunov.*;
import org.rclab.metrics.*;
import org.rclab.io.*;
import org.rclab.plot.*;
