# The instances Varnish balances over: included by default.vcl (found on vcl_path, so put it beside
# default.vcl in /etc/varnish). One `backend` per instance (`next start`, or `npm run cluster`'s
# instances on p+1 … p+n), each added to the `instances` director. Edit the hosts and ports; the
# tests (e2e/support/varnish.ts) write their own copy of this file with the ports they use.

probe instance_health {
    # The instance's readiness (lib/http/health.ts): 200 when its content is loaded and Redis and
    # PostgreSQL answer where configured, 503 with the reason otherwise. Answered before Next (no
    # render), each of its checks given at most 1 s. `curl http://<instance>/readyz` shows why an
    # instance is sick.
    .url = "/readyz";
    .interval = 1s;
    # Long: an instance busy rendering answers the probe late, not never (its event loop is shared
    # with the renders), and with a short timeout every instance of a cluster under load is marked
    # sick at once (a 503 for every miss, measured by bench/cluster.mjs). /readyz itself answers
    # within about 1 s even when what it checks hangs. A stopped instance refuses the connection at
    # once, and the request it failed is retried on another instance anyway.
    .timeout = 5s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend instance_1 {
    .host = "127.0.0.1";
    .port = "3001";
    .probe = instance_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 15s;
    .between_bytes_timeout = 5s;
}

backend instance_2 {
    .host = "127.0.0.1";
    .port = "3002";
    .probe = instance_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 15s;
    .between_bytes_timeout = 5s;
}

sub vcl_init {
    new instances = directors.round_robin();
    instances.add_backend(instance_1);
    instances.add_backend(instance_2);
}
