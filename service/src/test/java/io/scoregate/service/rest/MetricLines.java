package io.scoregate.service.rest;

import static io.restassured.RestAssured.given;

/** Reads /q/metrics and finds exact lines, tags included. */
public final class MetricLines {

    private MetricLines() {
    }

    public static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the line starting with exactly {@code series + " "}; 0 when the series does not exist yet. */
    public static double value(String series) {
        for (String line : scrape().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0.0;
    }

    public static String requests(String endpoint, String version, String outcome) {
        return "scoregate_requests_total{endpoint=\"" + endpoint + "\",model_version=\"" + version + "\",outcome=\""
                + outcome + "\"}";
    }
}
