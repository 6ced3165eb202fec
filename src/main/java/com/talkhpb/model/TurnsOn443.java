package com.talkhpb.model;

/**
 * TURN over TLS on the HTTPS port, told apart from HTTPS by the name in the TLS ClientHello: nginx's
 * stream layer owns the public port and hands each connection, with its client address in the PROXY
 * protocol, to the HTTPS server or to the TLS terminator for TURN, both on loopback. The terminator
 * passes plain TURN over TCP to coturn, so coturn needs neither the certificate nor a TLS listener
 * (it cannot bind one to loopback alone).
 *
 * @param name           the TURN name clients ask for (its own DNS record, on the certificate)
 * @param httpsServer    where the HTTPS server listens behind the stream layer
 * @param tlsTerminator  where TURN's TLS is terminated before coturn
 */
public record TurnsOn443(String name, HostPort httpsServer, HostPort tlsTerminator) {
}
