package io.scoregate.service.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ScoringResourceIT extends ScoringResourceTest {
}
