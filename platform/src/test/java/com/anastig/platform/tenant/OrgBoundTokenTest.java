package com.anastig.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Org-bound secrets: round trip, and strict refusal of anything else. */
class OrgBoundTokenTest {
    private final OrgBoundToken tokens = new OrgBoundToken("anastig_");

    @Test
    void aTokenCarriesItsOrganizationAndItsHashIsStable() {
        OrgId org = OrgId.random();
        OrgBoundToken.Issued issued = tokens.issue(org);
        assertThat(issued.token()).startsWith("anastig_").hasSize(8 + 64);
        OrgBoundToken.Parsed parsed = tokens.parse(issued.token()).orElseThrow();
        assertThat(parsed.org()).isEqualTo(org);
        assertThat(parsed.hash()).isEqualTo(issued.hash());
        assertThat(issued.toString()).doesNotContain(issued.token());
        assertThat(tokens.issue(org).token()).isNotEqualTo(issued.token());
    }

    @Test
    void malformedTokensAreRefusedBeforeAnyLookUp() {
        String good = tokens.issue(OrgId.random()).token();
        assertThat(tokens.parse(null)).isEmpty();
        assertThat(tokens.parse("")).isEmpty();
        assertThat(tokens.parse(good.substring(0, good.length() - 1))).isEmpty();
        assertThat(tokens.parse(good + "A")).isEmpty();
        assertThat(tokens.parse("inv_" + good.substring(8))).isEmpty();
        assertThat(tokens.parse(good.substring(0, 20) + "é" + good.substring(21))).isEmpty();
        assertThat(tokens.parse(good.replace('_', '+'))).isEmpty();
        assertThat(new OrgBoundToken("inv_").parse(good)).isEmpty();
    }

    @Test
    void theNilOrganizationIsNeverAccepted() {
        OrgBoundToken.Issued platform = tokens.issue(OrgId.PLATFORM);
        assertThat(tokens.parse(platform.token())).isEmpty();
    }

    @Test
    void orgIdsParseOnlyInCanonicalForm() {
        OrgId id = OrgId.random();
        assertThat(OrgId.parse(id.toString())).contains(id);
        assertThat(OrgId.parse(id.toString().toUpperCase())).contains(id);
        assertThat(OrgId.parse("1-1-1-1-1")).isEmpty();
        assertThat(OrgId.parse("not-a-uuid")).isEmpty();
        assertThat(OrgId.parse(null)).isEmpty();
    }
}
