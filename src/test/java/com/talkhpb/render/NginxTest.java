package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.talkhpb.settings.InvalidSettingsException;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import org.junit.jupiter.api.Test;

class NginxTest {
    static final String SITE = "etc/nginx/sites-enabled/talk-hpb.conf";
    static final String MAIN = "etc/nginx/nginx.conf";
    static final String STREAM = "etc/nginx/talk-hpb-stream.conf";

    @Test
    void proxiesTheSignalingApiAndUpgradesItsWebsocket() {
        String site = Rendered.file(MapConfig.valid(), SITE);

        assertThat(site).contains("location /standalone-signaling/ {", "proxy_pass http://talk_hpb_signaling/;",
                "location /standalone-signaling/spreed {", "proxy_pass http://talk_hpb_signaling/spreed;",
                "proxy_set_header Upgrade $http_upgrade;", "proxy_set_header Connection \"Upgrade\";",
                "server 127.0.0.1:8080;");
    }

    @Test
    void servesTlsWithTheManagedCertificateAndRedirectsHttpExceptAcme() {
        String site = Rendered.file(MapConfig.valid().with("turnsName", "off"), SITE);

        assertThat(site).contains("listen 443 ssl http2 default_server reuseport;", "listen [::]:443 ssl http2 default_server reuseport;",
                "ssl_certificate /etc/talk-hpb/tls/fullchain.pem;", "ssl_certificate_key /etc/talk-hpb/tls/privkey.pem;",
                "location /.well-known/acme-challenge/ {", "root /var/lib/talk-hpb/acme;",
                "return 301 https://hpb.example.com$request_uri;", "server_name hpb.example.com;");
    }

    @Test
    void withTurnOverTlsTheStreamLayerOwnsPort443AndTellsTurnFromHttpsByName() {
        String main = Rendered.file(MapConfig.valid(), MAIN);
        String stream = Rendered.file(MapConfig.valid(), STREAM);
        String site = Rendered.file(MapConfig.valid(), SITE);

        assertThat(main.lines().filter(l -> !l.startsWith("#")).findFirst()).as("modules load first")
                .contains("load_module " + NginxConf.STREAM_MODULE + ";");
        assertThat(main).contains("include /etc/nginx/talk-hpb-stream.conf;");
        assertThat(block(stream, "map $ssl_preread_server_name $talk_hpb_tls_upstream {"))
                .contains("turn.hpb.example.com talk_hpb_turns;", "default talk_hpb_https;");
        String front = block(stream, "server {");
        assertThat(front).contains("listen 443 reuseport;", "listen [::]:443 reuseport;", "ssl_preread on;", "proxy_protocol on;")
                .doesNotContain("ssl_certificate");
        assertThat(stream).contains("listen 127.0.0.1:5349 ssl proxy_protocol;", "ssl_certificate /etc/talk-hpb/tls/fullchain.pem;",
                "server 127.0.0.1:4443;", "server 127.0.0.1:5349;", "server " + Rendered.PUBLIC_IPV4 + ":3478;");
        assertThat(site).as("HTTPS only behind the stream layer, with the client's address from the PROXY protocol")
                .contains("listen 127.0.0.1:4443 ssl http2 default_server reuseport proxy_protocol;",
                        "set_real_ip_from 127.0.0.1;", "real_ip_header proxy_protocol;")
                .doesNotContain("listen 443 ssl").doesNotContain("listen [::]:443 ssl");
    }

    @Test
    void theStreamLayerLogsWhoConnectedByWhichNameToWhatAndLimitsConnectionsPerAddress() {
        String stream = Rendered.file(MapConfig.valid(), STREAM);
        String front = block(stream, "server {");

        assertThat(stream).contains("log_format talk_hpb_stream '$remote_addr [$time_local] $ssl_preread_server_name $upstream_addr "
                + "$status $bytes_received $bytes_sent $session_time';",
                "limit_conn_zone $binary_remote_addr zone=talk_hpb_stream_per_address:10m;");
        assertThat(front).contains("access_log /var/log/nginx/talk-hpb-stream.log talk_hpb_stream;",
                "limit_conn talk_hpb_stream_per_address 2000;");
        String terminator = stream.substring(stream.indexOf("listen 127.0.0.1:5349"));
        assertThat(terminator).as("the TURN over TLS client's own address, which coturn never sees")
                .contains("set_real_ip_from 127.0.0.1;", "access_log /var/log/nginx/talk-hpb-stream.log talk_hpb_stream;");
        assertThat(Rendered.file(MapConfig.valid().with("connectionsPerAddress", "0"), STREAM)).as("0 turns the limit off")
                .doesNotContain("limit_conn").contains("access_log");
        assertThat(block(Rendered.file(MapConfig.valid().with("connectionsPerAddress", "2500"), STREAM), "server {"))
                .as("a WebSocket and TURN over TLS per participant").contains("limit_conn talk_hpb_stream_per_address 5000;");
    }

    @Test
    void withoutTurnOverTlsNoStreamModuleIsLoaded() {
        MapConfig off = MapConfig.valid().with("turnsName", "off");

        assertThat(Rendered.file(off, MAIN)).doesNotContain("load_module").doesNotContain("talk-hpb-stream");
        assertThat(Rendered.bundle(off).files()).noneMatch(f -> f.bundlePath().equals(STREAM));
    }

    @Test
    void raisesWorkerConnectionsAboveDebiansCapOf768() {
        String main = Rendered.file(MapConfig.valid(), MAIN);

        assertThat(main).contains("worker_connections " + NginxConf.WORKER_CONNECTIONS + ";",
                "worker_rlimit_nofile " + NginxConf.OPEN_FILES_LIMIT + ";", "include /etc/nginx/sites-enabled/talk-hpb.conf;");
        assertThat(NginxConf.WORKER_CONNECTIONS).isGreaterThan(768);
        assertThat(NginxConf.OPEN_FILES_LIMIT).isGreaterThanOrEqualTo(2 * NginxConf.WORKER_CONNECTIONS);
    }

    @Test
    void limitsSignalingWebsocketsPerClientAddressButNotNextcloudsApiRequests() {
        String site = Rendered.file(MapConfig.valid(), SITE);

        assertThat(site).contains("limit_conn_zone $binary_remote_addr zone=talk_hpb_sessions_per_address:10m;",
                "limit_req_zone $binary_remote_addr zone=talk_hpb_handshakes_per_address:10m rate=1000r/m;");
        String websocket = block(site, "location /standalone-signaling/spreed {");
        assertThat(websocket).contains("limit_conn talk_hpb_sessions_per_address 1000;",
                "limit_req zone=talk_hpb_handshakes_per_address burst=1000 nodelay;", "limit_conn_status 429;",
                "limit_req_status 429;");
        assertThat(block(site, "location /standalone-signaling/ {")).doesNotContain("limit_");
    }

    @Test
    void aRaisedLimitRefillsWithinAMinuteAndZeroTurnsTheLimitsOff() {
        String raised = Rendered.file(MapConfig.valid().with("connectionsPerAddress", "5000"), SITE);
        String off = Rendered.file(MapConfig.valid().with("connectionsPerAddress", "0"), SITE);
        String tiny = Rendered.file(MapConfig.valid().with("connectionsPerAddress", "10"), SITE);

        assertThat(raised).contains("rate=5000r/m;", "limit_conn talk_hpb_sessions_per_address 5000;", "burst=5000 nodelay;");
        assertThat(off).doesNotContain("limit_");
        assertThat(tiny).contains("rate=60r/m;", "burst=10 nodelay;");
    }

    @Test
    void theLargestLimitASettingMayAskForIsOneWorkersConnections() {
        int half = NginxConf.WORKER_CONNECTIONS / NginxConf.CONNECTIONS_PER_SESSION;

        assertThat(Rendered.file(MapConfig.valid().with("connectionsPerAddress", Integer.toString(half)), SITE))
                .contains("limit_conn talk_hpb_sessions_per_address " + half + ";");
        assertThatThrownBy(() -> SettingsReader.read(MapConfig.valid().with("connectionsPerAddress", Integer.toString(half + 1))))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("connectionsPerAddress");
    }

    private static String block(String config, String opening) {
        int start = config.indexOf(opening);
        assertThat(start).as("block %s", opening).isNotNegative();
        return config.substring(start, config.indexOf("}", start));
    }
}
