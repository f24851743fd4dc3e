package io.scoregate.gate.cli;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code --targets URL[,URL...]}: absolute http(s) URLs of service instances, or {@code dns+http://name:port}
 * for every address the name resolves to (a Kubernetes headless Service has one A record per ready pod), so that
 * "every instance applies the change" covers every pod the Service lists, without typing their addresses.
 * Names are resolved once, when the command starts.
 */
final class TargetList {

    static final String DNS_PREFIX = "dns+";

    /** Looks a name up; the system's resolver in production, a stub at this one boundary in tests. */
    @FunctionalInterface
    interface Resolver {
        List<InetAddress> addressesOf(String host) throws UnknownHostException;

        Resolver SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));
    }

    private TargetList() {
    }

    static List<URI> parse(String text) throws ExitException {
        return parse(text, Resolver.SYSTEM);
    }

    static List<URI> parse(String text, Resolver resolver) throws ExitException {
        Set<URI> targets = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith(DNS_PREFIX)) {
                targets.addAll(resolve(p, resolver));
                continue;
            }
            targets.add(HttpUrl.parse(p).orElseThrow(() -> ExitException.invalidInput(
                    "`--targets` must be http(s) URLs or dns+http(s)://name:port, separated by commas, but had '"
                            + p + "'")));
        }
        if (targets.isEmpty()) {
            throw ExitException.invalidInput("`--targets` must name at least one instance");
        }
        return List.copyOf(targets);
    }

    /** One URL per address of the name, sorted, with the entry's scheme, port and path. */
    private static List<URI> resolve(String entry, Resolver resolver) throws ExitException {
        URI named = HttpUrl.parse(entry.substring(DNS_PREFIX.length())).orElseThrow(() -> ExitException.invalidInput(
                "`--targets` entry '" + entry + "' must be dns+http://name:port or dns+https://name:port"));
        List<InetAddress> addresses;
        try {
            addresses = resolver.addressesOf(named.getHost());
        } catch (UnknownHostException e) {
            // a headless Service with no ready pod has no record: the environment, not the command line
            throw new ExitException(ExitCode.TARGET_UNAVAILABLE, "`--targets` " + entry + ": the name "
                    + named.getHost() + " does not resolve to any address");
        }
        if (addresses.isEmpty()) {
            throw new ExitException(ExitCode.TARGET_UNAVAILABLE, "`--targets` " + entry + ": the name "
                    + named.getHost() + " resolves to no address");
        }
        List<String> hosts = new ArrayList<>();
        for (InetAddress a : addresses) {
            String literal = a.getHostAddress();
            int zone = literal.indexOf('%');
            literal = zone < 0 ? literal : literal.substring(0, zone);
            hosts.add(a instanceof Inet6Address ? "[" + literal + "]" : literal);
        }
        List<URI> out = new ArrayList<>();
        hosts.stream().distinct().sorted().forEach(h -> out.add(URI.create(named.getScheme() + "://" + h
                + (named.getPort() < 0 ? "" : ":" + named.getPort()) + (named.getRawPath() == null ? "" : named.getRawPath()))));
        return out;
    }
}
