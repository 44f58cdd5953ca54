package dev.storefront.users.federation;

import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.federation.EntityResolver;
import dev.storefront.subgraph.types.Ids;
import dev.storefront.users.domain.User;
import dev.storefront.users.persistence.UserRepository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Resolves {@code User} references from other subgraphs, a whole batch in one query. */
@ApplicationScoped
class UserEntityResolver implements EntityResolver<User> {

    private final UserRepository users;

    @Inject
    UserEntityResolver(UserRepository users) {
        this.users = users;
    }

    @Override
    public String typeName() {
        return "User";
    }

    @Override
    public List<User> resolve(List<Map<String, Object>> representations) {
        List<Object> ids = representations.stream().map(r -> r.get("id")).toList();
        Map<String, User> found = users.findByIds(ids.stream().filter(Ids::isValid).map(String.class::cast).toList());
        return ids.stream().map(id -> id instanceof String s ? found.get(s) : null).toList();
    }
}
