package dev.onvifcloud.cloud.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/** Closes a connection that was idle for the idle timeout, unless a request on it is still in progress. */
@ChannelHandler.Sharable
final class IdleConnectionCloser extends ChannelInboundHandlerAdapter {

    static final IdleConnectionCloser INSTANCE = new IdleConnectionCloser();

    private IdleConnectionCloser() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            if (RequestDispatcher.inProgress(ctx.channel()).get() == 0) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }
}
