package io.scoregate.contract;

/** The business sector of an SME applicant, as lenders send it (the request field {@code sector}). */
public enum Sector {
    RETAIL, AGRICULTURE, MANUFACTURING, SERVICES, TRANSPORT, HOSPITALITY, OTHER
}
