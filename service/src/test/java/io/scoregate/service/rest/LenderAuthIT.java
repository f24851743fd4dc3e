package io.scoregate.service.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The packaged jar, started with the production-like overrides of {@link LenderAuthTest.ProductionLike}. */
@QuarkusIntegrationTest
@TestProfile(LenderAuthTest.ProductionLike.class)
class LenderAuthIT extends LenderAuthTest {
}
