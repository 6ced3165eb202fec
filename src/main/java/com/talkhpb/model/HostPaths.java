package com.talkhpb.model;

/** Install paths of every file the HPB reads or writes, under the topology's root. */
public record HostPaths(
        String signalingConf,
        String janusConfigDir,
        String turnserverConf,
        String natsConf,
        String nginxConf,
        String nginxSite,
        String nginxStream,
        String nginxDefaultSite,
        String nginxPid,
        String nginxErrorLog,
        String nginxAccessLog,
        String nginxStreamLog,
        String tlsCertificate,
        String tlsPrivateKey,
        String acmeWebroot,
        String signalingUnitDropIn,
        String janusUnitDropIn,
        String nginxUnitDropIn,
        String coturnUnitDropIn,
        String natsUnitDropIn,
        String sshdDropIn,
        String sshdDropInBefore,
        String unattendedUpgradesConf,
        String adminAuthorizedKeys,
        String hostFirewallRules,
        String hostFirewallUnit,
        String proxyConf,
        String mediaTokenKey,
        String mediaTokenPublicKey,
        String systemdUnits,
        String watchdogConf,
        String watchdogState,
        String acmeCaCertificate,
        String metricsSite,
        String metricsTextfiles,
        String processExporterConf) {

    /** Where provisioning installs talk-hpb's helper scripts on every host (not under a test topology's root). */
    public static final String HELPER_LIBRARY = "/usr/local/lib/talk-hpb";

    static HostPaths under(Topology topology) {
        return new HostPaths(
                topology.path("/etc/nextcloud-spreed-signaling/server.conf"),
                topology.path("/etc/janus"),
                topology.path("/etc/turnserver.conf"),
                topology.path("/etc/nats-server.conf"),
                topology.path("/etc/nginx/nginx.conf"),
                topology.path("/etc/nginx/sites-enabled/talk-hpb.conf"),
                topology.path("/etc/nginx/talk-hpb-stream.conf"),
                topology.path("/etc/nginx/sites-enabled/default"),
                topology.path("/run/nginx.pid"),
                topology.path("/var/log/nginx/error.log"),
                topology.path("/var/log/nginx/access.log"),
                topology.path("/var/log/nginx/talk-hpb-stream.log"),
                topology.path("/etc/talk-hpb/tls/fullchain.pem"),
                topology.path("/etc/talk-hpb/tls/privkey.pem"),
                topology.path("/var/lib/talk-hpb/acme"),
                topology.path("/etc/systemd/system/nextcloud-spreed-signaling.service.d/talk-hpb.conf"),
                topology.path("/etc/systemd/system/janus.service.d/talk-hpb.conf"),
                topology.path("/etc/systemd/system/nginx.service.d/talk-hpb.conf"),
                topology.path("/etc/systemd/system/coturn.service.d/talk-hpb.conf"),
                topology.path("/etc/systemd/system/nats-server.service.d/talk-hpb.conf"),
                // sshd takes the first value it reads: sort before cloud-init's 50-cloud-init.conf.
                topology.path("/etc/ssh/sshd_config.d/00-talk-hpb.conf"),
                topology.path("/etc/ssh/sshd_config.d/talk-hpb.conf"),
                topology.path("/etc/apt/apt.conf.d/52talk-hpb-unattended-upgrades"),
                topology.path("/etc/ssh/talk-hpb/authorized_keys"),
                topology.path("/etc/talk-hpb/firewall.nft"),
                topology.path("/etc/systemd/system/talk-hpb-firewall.service"),
                topology.path("/etc/nextcloud-spreed-signaling/proxy.conf"),
                topology.path("/etc/nextcloud-spreed-signaling/media-token.key"),
                topology.path("/etc/nextcloud-spreed-signaling/media-token.pub"),
                topology.path("/etc/systemd/system"),
                topology.path("/etc/talk-hpb/watchdog.json"),
                topology.path("/var/lib/talk-hpb/watchdog"),
                topology.path("/etc/talk-hpb/acme-ca.pem"),
                topology.path("/etc/nginx/sites-enabled/talk-hpb-metrics.conf"),
                // The node exporter's textfile directory (Debian's default): the watchdog's results go there.
                topology.path("/var/lib/prometheus/node-exporter"),
                // Read by the exporter's user (prometheus), so not in /etc/talk-hpb, which is root's.
                topology.path("/etc/prometheus/talk-hpb-process-exporter.yml"));
    }

    /** A unit file of talk-hpb's own, e.g. talk-hpb-watchdog.timer. */
    public String unit(String name) {
        return systemdUnits + "/" + name;
    }

    /** A drop-in for a unit, e.g. nginx.service's restart.conf: /etc/systemd/system/nginx.service.d/talk-hpb-restart.conf. */
    public String dropIn(String unit, String name) {
        return systemdUnits + "/" + unit + ".d/" + name;
    }

    public String janusFile(String name) {
        return janusConfigDir + "/" + name;
    }
}
