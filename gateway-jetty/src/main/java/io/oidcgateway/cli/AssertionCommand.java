package io.oidcgateway.cli;

import io.oidcgateway.clientauth.KeyMaterialException;
import io.oidcgateway.clientauth.KeyMaterialLoader;
import io.oidcgateway.diagnostics.AssertionInspector;
import io.oidcgateway.diagnostics.AssertionInspector.Expectations;
import io.oidcgateway.diagnostics.AssertionInspector.Inspection;
import io.oidcgateway.diagnostics.InputBounds;
import io.oidcgateway.diagnostics.OversizedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jose4j.json.JsonUtil;

/** {@code assertion inspect}: decodes a client assertion without any key and lists what is wrong with it. */
final class AssertionCommand {
    private final PrintStream out;
    private final InputStream in;
    private final Clock clock;

    AssertionCommand(PrintStream out, InputStream in, Clock clock) {
        this.out = out;
        this.in = in;
        this.clock = clock;
    }

    int run(List<String> args) throws UsageException {
        if (args.isEmpty() || !args.get(0).equals("inspect")) {
            throw new UsageException("assertion takes the subcommand inspect: ./run.sh assertion inspect JWT|-");
        }
        Options options = Options.parse(args.subList(1, args.size()),
                List.of("--cert", "--client-id", "--token-endpoint"), 1);
        String jwt = options.argument("the assertion (or - to read it from standard input)");
        if (jwt.equals("-")) {
            jwt = readStdin();
        }
        Optional<X509Certificate> cert = certificate(options);
        Optional<URI> tokenEndpoint = tokenEndpoint(options);
        Inspection inspection;
        try {
            inspection = new AssertionInspector(clock)
                    .inspect(jwt, new Expectations(cert, options.get("--client-id"), tokenEndpoint));
        } catch (OversizedInputException e) {
            throw UsageException.refusedInput(e.getMessage());
        }
        if (!inspection.header().isEmpty()) {
            out.println("Header: " + JsonUtil.toJson(inspection.header()));
            out.println("Claims: " + JsonUtil.toJson(inspection.claims()));
            out.println();
        }
        Findings.print(out, inspection.findings());
        if (cert.isEmpty() && !inspection.header().isEmpty()) {
            out.println("INFO   signature and thumbprints not checked against a certificate: add --cert FILE");
        }
        out.println(Findings.summary(inspection.findings()));
        return inspection.hasErrors() ? Main.PROBLEMS : Main.OK;
    }

    private static Optional<X509Certificate> certificate(Options options) throws UsageException {
        if (options.get("--cert").isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyMaterialLoader.readCertificates(Path.of(options.get("--cert").get())).get(0));
        } catch (KeyMaterialException e) {
            throw new UsageException("--cert: " + e.getMessage());
        }
    }

    private static Optional<URI> tokenEndpoint(Options options) throws UsageException {
        if (options.get("--token-endpoint").isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(options.get("--token-endpoint").get()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--token-endpoint is not a URL");
        }
    }

    /** Reads at most one byte more than an assertion may have, so a huge input is refused without being held. */
    private String readStdin() throws UsageException {
        try {
            byte[] bytes = in.readNBytes(InputBounds.MAX_ASSERTION_CHARS + 1);
            if (bytes.length > InputBounds.MAX_ASSERTION_CHARS) {
                throw UsageException.refusedInput("standard input holds more than " + InputBounds.MAX_ASSERTION_CHARS
                        + " bytes; a client assertion is far smaller");
            }
            String text = new String(bytes, StandardCharsets.US_ASCII).strip();
            if (text.isEmpty()) {
                throw new UsageException("standard input is empty; pipe the assertion in or pass it as an argument");
            }
            return text;
        } catch (IOException e) {
            throw new UsageException("cannot read standard input");
        }
    }
}
