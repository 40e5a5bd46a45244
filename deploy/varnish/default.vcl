# Varnish in front of Kabar Kini (docs/decisions/007-varnish-front-cache.md, 021-front-cache-under-real-traffic.md),
# for Debian's `varnish` (7.1) with `varnish-modules` (xkey, var). Install both files in /etc/varnish:
#   default.vcl   this file: cache keys, caching rules, retries, purging by surrogate key;
#   backends.vcl  the instances (hosts and ports): edit it for your topology.
# Start with two named listeners: `public` for readers (or the TLS terminator in front), `purge` for
# the instances' PURGE_URL only, on an address readers cannot reach (a private interface, or
# loopback when the instances run on this host). A PURGE is refused on any other listener, so a TLS
# terminator on this host that forwards every reader from 127.0.0.1 cannot pass one on:
#   varnishd -a public=:80 -a purge=10.0.0.5:6091 -f /etc/varnish/default.vcl -s malloc,256m
# and on every instance PURGE_URL=http://10.0.0.5:6091/ (`npm run cluster` and the tests do the same
# on loopback, with free ports). Firewall the purge port from everything but the instances.
#
# Placeholders to review for production:
#   - acl purgers: the addresses the instances send PURGE from (checked on the purge listener only);
#   - backends.vcl: one backend per instance;
#   - the tracking parameters (sub kabar_cache_key): one list, the only one; the README's CDN table
#     says how to set the same at Fastly and Cloudflare.
vcl 4.1;

import cookie;
import directors;
import std;
import var;
import xkey;

include "backends.vcl";

# Who may PURGE on the purge listener: the instances. Loopback is here for instances on this host;
# it is safe only because a PURGE is never taken on the public listener, where a TLS terminator on
# this host makes every reader 127.0.0.1. Replace with your instances' addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

# The cache key of a request: tracking parameters out (one list, here and nowhere else), the rest
# sorted, and on every path that reads no query string (every page, feed, sitemap and asset) the
# query dropped altogether, before hashing and before the fetch. Only the share images keep theirs
# (`?v=` changes with the story, lib/share-image/urls.ts), so a new card is a new object, and the
# search page its `q` and `page`; /api/
# (previews and their token, the publish webhook) is passed before this is called.
sub kabar_cache_key {
    if (req.url ~ "\?") {
        # Tracking parameters: campaign and click identifiers that ads, newsletters and social apps
        # append, which no page reads. Case-insensitive; `utm_*` is any utm_ parameter.
        set req.url = regsuball(req.url, "(?i)(?<=[?&])(utm_[a-z0-9_]*|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|igshid|igsh|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|yclid|twclid|ttclid|li_fat_id|ref|ref_src|ref_url|s_cid|mkt_tok|srsltid|si|epik|rb_clickid|_kx|oly_anon_id|oly_enc_id|vero_id|wickedid)(=[^&]*)?(&|$)", "");
        set req.url = std.querysort(req.url);
        set req.url = regsub(req.url, "[?&]+$", "");
        if (req.url ~ "^/[^/?]+/(cari|search)\?") {
            # The search page (each language's `paths.search` in i18n/locales/<code>.ts, checked by
            # lib/front-cache/vcl.test.ts) reads `q` and `page`: they stay in its cache key, any
            # other parameter goes. Its answers are kept a minute (s-maxage=60) and purged with the
            # language's stories (xkey search-<code>); a refused query (400) is never stored.
            set req.url = regsuball(req.url, "(?<=[?&])(?!(?:q|page)=)[^&]*(?:&|$)", "");
            set req.url = regsub(req.url, "[?&]+$", "");
        } else if (req.url !~ "^/[^?]*/(share\.png|opengraph-image)\?") {
            set req.url = regsub(req.url, "\?.*$", "");
        }
    }
}

sub vcl_recv {
    if (req.method == "PURGE") {
        # Only on the purge listener (-a purge=…): on the public one a PURGE is refused whoever
        # sends it, loopback included, and purges nothing.
        if (local.socket != "purge") {
            return (synth(405, "Method Not Allowed"));
        }
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "PURGE needs an xkey-purge header"));
        }
        # Fetches under way started before this purge are not stored (vcl_backend_response): a
        # render of the old content that finishes after the purge would put the page back. A REAL
        # becomes a string with three decimals: a millisecond later, so rounding never lets one by.
        var.global_set("purged_at", "" + (std.time2real(now, 0.0) + 0.001));
        # A hard purge: a takedown must not be served again, not even as a stale copy.
        set req.http.n-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-purged + " objects"));
    }
    if (local.socket == "purge") {
        # The purge listener serves nothing else.
        return (synth(405, "Method Not Allowed"));
    }
    # The instances' metrics (lib/http/metrics-endpoint.ts) are for a scraper that reaches each
    # instance directly (deploy/prometheus/prometheus.yml), never through the front: whatever the
    # method or the token, it does not exist here, and nothing of it is ever cached.
    if (req.url ~ "^/metrics([/?#]|$)") {
        return (synth(404, "Not Found"));
    }
    # One id per request, from here to the instance's log lines (lib/observability/log.mjs); one a
    # client sent is replaced, so that an id in the logs always names a request this front saw.
    set req.http.X-Request-Id = "varnish-" + req.xid;
    if (req.method != "GET" && req.method != "HEAD") {
        # The site answers 405 itself (lib/http/guard.ts); the publish webhook is a POST.
        return (pass);
    }
    # Draft Mode (Next's cookie, our preview session): one editor's page, never shared.
    if (req.http.Cookie ~ "(^|;\s*)(__prerender_bypass|kabar_preview)=") {
        return (pass);
    }
    # The preview and publish endpoints (the preview keeps its token: nothing below touches them).
    if (req.url ~ "^/api/") {
        return (pass);
    }
    # The editors' desk (decision 026): one editor's pages, with their session cookie; never kept.
    if (req.url ~ "^/desk([/?]|$)") {
        return (pass);
    }
    # Next's client-router headers: reader pages have no client router (decision 020), so these
    # only ever come from bots and replays, and each value would be an object of its own (the
    # instance's Vary named them). The instance answers the HTML page without them.
    unset req.http.RSC;
    unset req.http.Next-Router-State-Tree;
    unset req.http.Next-Router-Prefetch;
    unset req.http.Next-Router-Segment-Prefetch;
    unset req.http.Next-Url;
    unset req.http.Next-HMR-Refresh;
    # A path that is not canonical (dot segments, encoded or not, doubled slashes, a backslash, a
    # fragment in the request target): passed, so that no object, not even a hit-for-miss marker,
    # is kept under each odd spelling of a page, where a takedown's purge would not reach it. The
    # instance answers it with a 308 to the canonical URL (lib/http/guard.ts), cached as usual.
    # Before the cache key is made: the 308 keeps the query as the reader sent it (their tracking
    # parameters included), and the canonical URL then gets its cache key like any other.
    if (req.url ~ "^[^?#]*(//|\\|/(\.|%2[eE]){1,2}(/|\?|#|$))|#") {
        return (pass);
    }
    call kabar_cache_key;
    # Pages are the same for every reader: other scripts' cookies are dropped. The language cookie
    # stays, for the negotiating redirect at paths without a language prefix (proxy.ts); that
    # answer is `private, no-cache` and varies on Cookie, so it is never stored (below), while the
    # pages, which do not vary on it, are one cached copy for everyone.
    cookie.parse(req.http.Cookie);
    cookie.keep("NEXT_LOCALE");
    set req.http.Cookie = cookie.get_string();
    if (req.http.Cookie == "") {
        unset req.http.Cookie;
    }
    unset req.http.Authorization;
    return (hash);
}

sub vcl_pass {
    set req.http.X-Kabar-Pass = "1";
}

sub vcl_backend_fetch {
    # Each try (and each retry) asks the director again: round robin over the healthy instances.
    # The director's turn is shared by every fetch under way, so a retry could be handed the
    # instance that just failed (a killed one stays "healthy" until its probe notices, about a
    # second): then it asks once more, for the next one.
    set bereq.backend = instances.backend();
    if (bereq.retries > 0 && bereq.http.X-Kabar-Failed == "" + bereq.backend) {
        set bereq.backend = instances.backend();
    }
    unset bereq.http.X-Kabar-Failed;
    # When this try was sent, for the purge race (vcl_backend_response).
    var.set_real("fetch_started", std.time2real(now, 0.0));
}

sub vcl_backend_response {
    # An instance that fails while answering (a restart, a crash): try another before the reader
    # sees an error. Only for reads, which are safe to repeat.
    if (beresp.status >= 500 && beresp.status != 501 && bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        set bereq.http.X-Kabar-Failed = "" + bereq.backend;
        return (retry);
    }
    # Anything personal is never stored: a cookie set, a response that varies on Cookie, or one
    # the site marks private / no-cache / no-store (the negotiating redirect, Draft Mode pages).
    if (bereq.uncacheable) {
        return (deliver);
    }
    # A purge arrived while this was being fetched: the instance may have rendered the content from
    # before the change (the render started first), so the answer goes to the readers waiting for it
    # but is not stored. Without this, a takedown during a slow render came back as a cached 200
    # until s-maxage. The next request fetches again, after the purge. (The instances also purge a
    # second time once the longest fetch could have ended: lib/front-cache/purge.ts.)
    if (var.get_real("fetch_started") <= std.real(var.global_get("purged_at"), 0.0)) {
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # The client router's headers do not change a reader page (they are removed from requests in
    # vcl_recv): they must not split the cache here, nor at a cache after this one.
    if (beresp.http.Vary) {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*(rsc|next-router-state-tree|next-router-prefetch|next-router-segment-prefetch|next-url)\s*(?=,|$)", "");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^\s*,\s*", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Vary ~ "(?i)(^|,\s*)(cookie|\*)(\s*,|$)"
        || beresp.http.Cache-Control ~ "(?i)(private|no-cache|no-store)"
        || beresp.ttl <= 0s) {
        # Hit-for-miss for two minutes: the next request goes straight to an instance, and may be
        # cached if it is cacheable then.
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # The TTL is the site's s-maxage (Varnish reads it before max-age); stale-while-revalidate is
    # how long a stale copy may be served while a fresh one is fetched in the background.
    if (beresp.http.Cache-Control ~ "(?i)stale-while-revalidate=[0-9]+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "(?i)^.*stale-while-revalidate=([0-9]+).*$", "\1s"), 0s);
    } else {
        set beresp.grace = 0s;
    }
    # Readers' caches follow max-age, not s-maxage: Varnish keeps Cache-Control as the site sent it.
    return (deliver);
}

sub vcl_backend_error {
    # Connection refused, reset or timed out: another instance, if there is one.
    if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        set bereq.http.X-Kabar-Failed = "" + bereq.backend;
        return (retry);
    }
}

sub vcl_deliver {
    if (req.http.X-Kabar-Pass) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # This request's id, not the one of the request whose response was cached.
    set resp.http.X-Request-Id = req.http.X-Request-Id;
    # The keys are for this cache only; readers need not download them.
    unset resp.http.xkey;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
