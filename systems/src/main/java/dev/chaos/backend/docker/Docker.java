package dev.chaos.backend.docker;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;

/**
 * The Docker client, found the way Testcontainers finds it (DOCKER_HOST, ~/.testcontainers.properties,
 * the local socket, ...), but built from the transport alone: Testcontainers' own client would start
 * Ryuk, whose image cannot be pulled on a machine without a registry. chaos removes what it creates
 * by itself (labels, shutdown hook, {@code chaos clean}).
 */
public final class Docker {

    private static DockerClient client;

    private Docker() {
    }

    public static synchronized boolean available() {
        try {
            client().pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static synchronized DockerClient client() {
        if (client == null) {
            try {
                client = DockerClientProviderStrategy.getClientForConfig(DockerClientFactory.instance().getTransportConfig());
            } catch (RuntimeException e) {
                throw new IllegalStateException("no Docker engine answers (" + e.getMessage()
                        + "); start one (as root: docker/bootstrap.sh --engine)", e);
            }
        }
        return client;
    }
}
