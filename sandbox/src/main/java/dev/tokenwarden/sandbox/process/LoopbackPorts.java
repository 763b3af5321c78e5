package dev.tokenwarden.sandbox.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free TCP ports on loopback for servers the sandbox starts. */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
