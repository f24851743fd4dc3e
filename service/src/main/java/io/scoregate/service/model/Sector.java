package io.scoregate.service.model;

/** The business sector of an SME applicant, as lenders send it. */
public enum Sector {
    RETAIL, AGRICULTURE, MANUFACTURING, SERVICES, TRANSPORT, HOSPITALITY, OTHER
}
