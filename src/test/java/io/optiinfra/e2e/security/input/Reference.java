package io.optiinfra.e2e.security.input;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.data.TestData;

import java.util.Objects;

/**
 * A field or path parameter that must name something that exists ({@code "references"} in input-schema.json):
 * the generator sends an unknown id, and with {@code other_tenant} the real id of another customer's
 * ({@code ${bystander.<entity>_id}}). Statuses default to 404 (docs/internal-api.md: an unknown id is a 404).
 * Written as the entity's name alone, or as an object with the overrides.
 */
record Reference(@JsonProperty("entity") String entity,
                 @JsonProperty("unknown_status") Integer unknownStatus,
                 @JsonProperty("unknown_error") String unknownError,
                 @JsonProperty("other_tenant") Boolean otherTenant,
                 @JsonProperty("other_tenant_status") Integer otherTenantStatus,
                 @JsonProperty("other_tenant_error") String otherTenantError) {
    static final int UNKNOWN_ID = 404;

    Reference {
        Objects.requireNonNull(entity, "references needs an entity");
    }

    static Reference parse(JsonNode node) {
        if (node.isTextual()) {
            return new Reference(node.textValue(), null, null, null, null, null);
        }
        try {
            return TestData.mapper().treeToValue(node, Reference.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(BadInputMatrixIT.FILE + ": bad references entry " + node + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    int unknown() {
        return unknownStatus == null ? UNKNOWN_ID : unknownStatus;
    }

    int otherTenantAnswer() {
        return otherTenantStatus == null ? unknown() : otherTenantStatus;
    }

    String otherTenantErrorCode() {
        return otherTenantError != null ? otherTenantError : otherTenantStatus == null ? unknownError : null;
    }

    boolean withOtherTenant() {
        return Boolean.TRUE.equals(otherTenant);
    }

    /** The placeholder of another tenant's real id of this entity (the IT's bystander provides it). */
    String otherTenantPlaceholder() {
        return "${bystander." + entity + "_id}";
    }
}
