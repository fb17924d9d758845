package com.anastig.plugin.mail.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Layers TLS over a connection Jakarta Mail opened to a pinned IP address, using the configured host
 * name for SNI and for certificate host-name verification (JSSE's endpoint identification), so
 * pinning the address never weakens the certificate check. It only layers: it refuses to open
 * connections of its own, which would bypass the pinned address.
 */
final class PinnedHostSslSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String hostName;

    PinnedHostSslSocketFactory(SSLSocketFactory delegate, String hostName) {
        this.delegate = delegate;
        this.hostName = hostName;
    }

    @Override
    public Socket createSocket(Socket connected, String ignoredAddress, int port, boolean autoClose) throws IOException {
        SSLSocket ssl = (SSLSocket) delegate.createSocket(connected, hostName, port, autoClose);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isAddressLiteral(hostName)) {
            parameters.setServerNames(List.of(new SNIHostName(hostName)));
        }
        ssl.setSSLParameters(parameters);
        return ssl;
    }

    private static boolean isAddressLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        throw unpinned();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw unpinned();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw unpinned();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw unpinned();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        throw unpinned();
    }

    private static SocketException unpinned() {
        return new SocketException("only layering TLS over a pinned connection is allowed");
    }
}
