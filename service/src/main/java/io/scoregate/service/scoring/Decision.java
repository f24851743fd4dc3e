package io.scoregate.service.scoring;

/** The funding decision. REFERRED means a credit officer decides. */
public enum Decision {
    APPROVED, REFERRED, DECLINED
}
