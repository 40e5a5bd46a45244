# Varnish in front of Kabar Kini (docs/decisions/007-varnish-front-cache.md), for Debian's
# `varnish` (7.1) with `varnish-modules` (xkey). Install both files in /etc/varnish:
#   default.vcl   this file: caching rules, retries, purging by surrogate key;
#   backends.vcl  the instances (hosts and ports): edit it for your topology.
# Start: varnishd -a :80 -f /etc/varnish/default.vcl -s malloc,256m
#
# Placeholders to review for production:
#   - acl purgers: the addresses the instances send PURGE from (their PURGE_URL points here);
#   - backends.vcl: one backend per instance.
vcl 4.1;

import cookie;
import directors;
import std;
import xkey;

include "backends.vcl";

# Who may PURGE: the instances (set PURGE_URL=http://<this varnish>/ on each). Add their addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "PURGE needs an xkey-purge header"));
        }
        # A hard purge: a takedown must not be served again, not even as a stale copy.
        set req.http.n-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-purged + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        # The site answers 405 itself (lib/http/guard.ts); the publish webhook is a POST.
        return (pass);
    }
    # Draft Mode (Next's cookie, our preview session): one editor's page, never shared.
    if (req.http.Cookie ~ "(^|;\s*)(__prerender_bypass|kabar_preview)=") {
        return (pass);
    }
    # The preview and publish endpoints.
    if (req.url ~ "^/api/") {
        return (pass);
    }
    # A non-canonical path (dot segments, encoded or not, doubled slashes, a backslash, a fragment):
    # the instance answers a 308 to the canonical one (lib/http/guard.ts). Passed, so that no
    # object, not even a hit-for-miss marker, is kept under each odd spelling of a page.
    if (req.url ~ "^[^?#]*(//|\\|/(\.|%2[eE]){1,2}(/|\?|#|$))|#") {
        return (pass);
    }
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
    # Each try (and each retry) asks the director again: round robin over the healthy instances,
    # so a retry goes to another one.
    set bereq.backend = instances.backend();
}

sub vcl_backend_response {
    # An instance that fails while answering (a restart, a crash): try another before the reader
    # sees an error. Only for reads, which are safe to repeat.
    if (beresp.status >= 500 && beresp.status != 501 && bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    # Anything personal is never stored: a cookie set, a response that varies on Cookie, or one
    # the site marks private / no-cache / no-store (the negotiating redirect, Draft Mode pages).
    if (bereq.uncacheable) {
        return (deliver);
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
    # The keys are for this cache only; readers need not download them.
    unset resp.http.xkey;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
