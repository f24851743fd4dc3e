package io.scoregate.service.routing;

import java.net.InetAddress;
import java.util.Optional;

/** This instance's name in audit entries and the admin API: configured, or hostname-pid. */
public final class InstanceId {

    private InstanceId() {
    }

    public static String resolve(Optional<String> configured) {
        return configured.filter(s -> !s.isBlank()).orElseGet(InstanceId::hostnamePid);
    }

    private static String hostnamePid() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(s -> !s.isBlank()).orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                return "localhost";
            }
        });
        return host + "-" + ProcessHandle.current().pid();
    }
}
