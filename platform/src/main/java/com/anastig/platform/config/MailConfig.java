package com.anastig.platform.config;

import com.anastig.platform.plugin.ProviderChoice;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Outgoing mail: the provider plugin and the platform's addresses (rendered into mails and the
 * legal documents).
 */
public record MailConfig(
    @Valid @NotNull ProviderChoice provider,
    @NotBlank @Email String noReplyAddress,
    @NotBlank String senderName,
    @NotBlank @Email String privacyAddress,
    @NotBlank @Email String supportAddress) {

    @JsonCreator
    public MailConfig(@JsonProperty("provider") ProviderChoice provider,
                      @JsonProperty("noReplyAddress") String noReplyAddress,
                      @JsonProperty("senderName") String senderName,
                      @JsonProperty("privacyAddress") String privacyAddress,
                      @JsonProperty("supportAddress") String supportAddress) {
        this.provider = provider;
        this.noReplyAddress = noReplyAddress;
        this.senderName = senderName == null ? "Anastig" : senderName;
        this.privacyAddress = privacyAddress;
        this.supportAddress = supportAddress;
    }
}
