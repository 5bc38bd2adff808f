package dev.chaos.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

/** The project's images, built locally by {@code docker/bootstrap.sh} (nothing is pulled). */
public final class Images {

    public static final String VERSION = "0.1.0";

    private Images() {
    }

    /** Fails with the fix when an image is missing. */
    public static void require(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException("image " + image + " is missing; build the project's images with docker/bootstrap.sh");
        }
    }
}
