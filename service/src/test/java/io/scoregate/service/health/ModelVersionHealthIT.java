package io.scoregate.service.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ModelVersionHealthIT extends ModelVersionHealthTest {
}
