package dev.onvifcloud.uplink.it;

import dev.onvifcloud.uplink.UplinkTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets a standard HTTP/2 client (curl, nghttp, a Netty client codec) play the cloud: a stand-in cloud
 * answers the camera's upgrade, and the raw HTTP/2 bytes after the 101 are relayed to whichever client
 * connects to {@link #port()} over plain TCP, as if it had connected to the camera itself.
 */
final class Relay implements AutoCloseable {

    private final RawUplinkServer cloudSide;
    private final Channel listener;
    private volatile Pipe cameraPipe;
    private volatile Channel camera;

    Relay(UplinkTransport transport) {
        cloudSide = RawUplinkServer.upgradingTo(transport, ch -> {
            Pipe pipe = new Pipe();
            ch.pipeline().addLast(pipe);
            cameraPipe = pipe;
            camera = ch;
        });
        listener = new ServerBootstrap()
                .group(transport.threads().ioThreads())
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        Channel cam = camera;
                        Pipe fromCamera = cameraPipe;
                        Pipe toCamera = new Pipe();
                        toCamera.connect(cam);
                        client.pipeline().addLast(toCamera);
                        cam.eventLoop().execute(() -> fromCamera.connect(client));
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    String cameraUrl() {
        return cloudSide.url();
    }

    boolean cameraConnected() {
        return camera != null && camera.isActive();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        cloudSide.close();
        if (camera != null) {
            camera.close();
        }
    }

    /** Forwards what it reads to a peer channel, holding it until the peer is known. */
    private static final class Pipe extends ChannelInboundHandlerAdapter {
        private final List<Object> held = new ArrayList<>();
        private Channel peer;

        void connect(Channel peer) {
            this.peer = peer;
            for (Object o : held) {
                peer.write(o);
            }
            held.clear();
            peer.flush();
            peer.closeFuture().addListener(f -> held.forEach(ReferenceCountUtil::release));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (peer == null) {
                held.add(msg);
            } else {
                peer.writeAndFlush(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            held.forEach(ReferenceCountUtil::release);
            held.clear();
            if (peer != null) {
                peer.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
