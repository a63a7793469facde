package dev.framepipe.web;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.Field;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.RequestFacade;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells Tomcat to close a request's connection without reading what is left of its body.
 *
 * <p>When a request ends with part of its body unread, Tomcat reads and discards up to
 * {@code server.tomcat.max-swallow-size} of it before it closes the connection, with blocking reads on a request
 * thread: an upload that is refused and keeps trickling (10 bytes every 2 s) holds that thread until the limit
 * is reached, which at that pace is never. 250 such uploads held all 200 request threads, and frames from other
 * clients timed out for 20 s. Tomcat itself skips that reading for an aborted upload
 * ({@code Request.checkSwallowInput}, the coyote action {@link ActionCode#DISABLE_SWALLOW_INPUT}, which also marks
 * the connection to be closed), but offers no public way to ask for it; the container's request is a private
 * field of the facade the servlet API hands out, read here by reflection. On another container, or if a Tomcat
 * version renames the field, nothing is done and Tomcat's reading remains ({@code AdmissionTests} shows which).
 */
final class TomcatUnreadBody {

    private static final Logger log = LoggerFactory.getLogger(TomcatUnreadBody.class);
    private static final @Nullable Field FACADE_REQUEST = facadeRequest();

    private TomcatUnreadBody() {}

    /** Closes the connection after this request's answer without reading the rest of its body. */
    static void abandon(ServletRequest request) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        if (FACADE_REQUEST != null && inner instanceof RequestFacade facade) {
            try {
                ((Request) FACADE_REQUEST.get(facade))
                        .getCoyoteRequest()
                        .action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            } catch (IllegalAccessException | RuntimeException e) {
                log.debug("Tomcat will read the rest of the body before it closes the connection", e);
            }
        }
    }

    private static @Nullable Field facadeRequest() {
        try {
            Field field = RequestFacade.class.getDeclaredField("request");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Tomcat's request facade has no field 'request': refused uploads are read to max-swallow-size", e);
            return null;
        }
    }
}
