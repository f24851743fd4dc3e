package io.scoregate.service.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same against the packaged jar: its startup refuses the two reproductions too. */
@QuarkusIntegrationTest
class RejectedArtifactsIT extends RejectedArtifactsTest {
}
