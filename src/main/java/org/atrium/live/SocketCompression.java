package org.atrium.live;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Whether live sockets negotiate WebSocket compression (permessage-deflate, RFC 7692; {@code
 * atrium.live.permessage-deflate}, off by default).
 *
 * <p>Every browser offers permessage-deflate, and Vert.x accepts it unless told not to. Accepted, each connection keeps
 * a zlib compressor (and a decompressor for what the browser sends) for its whole life, from the first message
 * compressed on it, its snapshot: about 100 KiB of native memory per idle connection against about 14 KiB without
 * (LiveBench {@code --client-deflate}, 5,000 connections: 118.7 KiB), and every snapshot deflated per member during a
 * join storm. What it would save is small: room events, the bulk of the traffic, are encoded once per room and written
 * past the compressor anyway ({@link Member}), so only snapshots, acknowledgements and errors were ever compressed.
 * HTTP responses keep their compression ({@code quarkus.http.enable-compression}).
 */
@ApplicationScoped
class SocketCompression implements HttpServerOptionsCustomizer {

    /**
     * Read from the configuration itself: the server's options are customised before the {@link LiveConfig} mapping
     * can be injected (injected, it was not applied).
     */
    private static boolean permessageDeflate() {
        return ConfigProvider.getConfig()
                .getOptionalValue("atrium.live.permessage-deflate", Boolean.class)
                .orElse(false);
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeDomainSocketServer(HttpServerOptions options) {
        apply(options);
    }

    private void apply(HttpServerOptions options) {
        options.setPerMessageWebSocketCompressionSupported(permessageDeflate());
        options.setPerFrameWebSocketCompressionSupported(permessageDeflate());
    }
}
