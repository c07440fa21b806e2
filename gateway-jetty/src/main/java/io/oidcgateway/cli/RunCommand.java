package io.oidcgateway.cli;

import io.oidcgateway.clientauth.ClientKeyLoader;
import io.oidcgateway.config.ConfigException;
import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.config.ConfigProblem;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.demo.DemoLauncher;
import io.oidcgateway.filter.GatewayBuilder;
import io.oidcgateway.server.GatewayServer;
import io.oidcgateway.server.LogSetup;
import io.oidcgateway.server.StopSignals;
import io.oidcgateway.server.WarmUp;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** {@code run}: loads the configuration, starts the demo parts it asks for, then the gateway, and waits. */
final class RunCommand {
    private final Map<String, String> env;
    private final Clock clock;
    private final PrintStream out;

    RunCommand(Map<String, String> env, Clock clock, PrintStream out) {
        this.env = env;
        this.clock = clock;
        this.out = out;
    }

    int run(Options options) throws ConfigException {
        Path file = Path.of(options.get("--config").orElse(Main.DEFAULT_CONFIG));
        ClientKeyLoader keys = new ClientKeyLoader(clock);
        GatewayConfig config = new ConfigLoader(env).checkedBy(keys).load(file);
        LogSetup.apply(config.log());
        DemoLauncher demo = new DemoLauncher(config, clock);
        try {
            demo.startBeforeGateway();
            GatewayServer gateway = GatewayServer.create(config,
                    effective -> GatewayBuilder.forConfig(effective).clock(clock).keyLoader(keys));
            demo.registerGateway(gateway);
            // After the gateway is built and has loaded the IdP's metadata: the classes these load
            // (the HTTP client's among them) would make the JIT throw away code the warm-up compiled.
            gateway.gateway().identityProvider().ready();
            new WarmUp(clock).run(config);
            StopSignals.stopOn(gateway);
            gateway.start();
            out.println("oidc-gateway is running: open " + gateway.publicUrl() + "/ in a browser (Ctrl-C stops it)");
            gateway.join();
            demo.stop();
            return Main.OK;
        } catch (ConfigException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new ConfigException(List.of(new ConfigProblem("server.port", String.valueOf(config.server().port()),
                    "cannot listen: " + e.getMessage() + " (is another process using it?)")));
        } catch (Exception e) {
            throw new IllegalStateException("the gateway could not start: " + e.getMessage(), e);
        }
    }
}
