package dev.onvifcloud.uplink.internal;

import dev.onvifcloud.uplink.UplinkLimits;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.flush.FlushConsolidationHandler;

/** HTTP/2 frame codecs with swapped roles and our limits. */
public final class Http2Codecs {

    private Http2Codecs() {
    }

    /** The camera's codec: it connected, yet it is the HTTP/2 server. */
    public static Http2FrameCodec camera(UplinkLimits limits) {
        Http2Settings settings = new Http2Settings()
                .maxConcurrentStreams(limits.maxConcurrentStreams())
                .maxHeaderListSize(limits.maxHeaderListSize())
                .initialWindowSize(limits.initialStreamWindow());
        return configure(Http2FrameCodecBuilder.forServer(), limits, settings).build();
    }

    /** The cloud's codec: it accepted the socket, yet it is the HTTP/2 client. */
    public static Http2FrameCodec cloud(UplinkLimits limits) {
        Http2Settings settings = new Http2Settings()
                .pushEnabled(false)
                .maxHeaderListSize(limits.maxHeaderListSize())
                .initialWindowSize(limits.initialStreamWindow());
        return configure(Http2FrameCodecBuilder.forClient(), limits, settings).build();
    }

    /**
     * Goes right before the HTTP/2 codec: flushes requested outside a read (a response written from a
     * worker's hand-back, a request sent from another thread) are coalesced into one flush after the
     * event loop's pending tasks, so that a burst of small messages leaves in one TLS record and one
     * write instead of one each. Flushes during a read are already coalesced at read complete.
     */
    public static ChannelHandler flushConsolidation() {
        return new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true);
    }

    private static Http2FrameCodecBuilder configure(Http2FrameCodecBuilder builder, UplinkLimits limits,
                                                    Http2Settings settings) {
        return builder.initialSettings(settings)
                .validateHeaders(true)
                .gracefulShutdownTimeoutMillis(limits.gracefulShutdown().toMillis())
                .decoderEnforceMaxRstFramesPerWindow(limits.maxResetsPerWindow(),
                        (int) limits.resetWindow().toSeconds());
    }
}
