package io.scoregate.service.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.scoregate.service.model.InputField;
import java.math.BigDecimal;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Writes each numeric field's range into the OpenAPI schema of the request body from {@link InputField}, the one
 * source the reader validates against, so the document cannot drift from what is accepted.
 */
@OpenApiFilter
public class ApplicationRanges implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Schema application = openAPI.getComponents().getSchemas().get(ApplicationSchema.NAME);
        Map<String, Schema> properties = application == null ? null : application.getProperties();
        if (properties == null) {
            return;
        }
        for (InputField field : InputField.values()) {
            Schema property = properties.get(field.jsonName());
            if (property == null || Double.isNaN(field.lowest())) {
                continue; // sector: an enum, no range
            }
            if (field.lowestIncluded()) {
                property.setMinimum(decimal(field.lowest()));
            } else {
                property.setExclusiveMinimum(decimal(field.lowest()));
            }
            property.setMaximum(decimal(field.highest()));
        }
    }

    private static BigDecimal decimal(double d) {
        return d == Math.rint(d) ? BigDecimal.valueOf((long) d) : BigDecimal.valueOf(d);
    }
}
