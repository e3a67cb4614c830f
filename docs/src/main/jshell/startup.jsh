// jaxpresso's JShell startup (./jaxpresso-shell loads it after JShell's default imports).
// The same imports wrap the runnable snippets of the docs, so each snippet can be typed here.
import static org.jaxpresso.numpy.Jnp.*;
import static org.jaxpresso.Jax.jit;
import org.jaxpresso.Jax;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.core.*;
import org.jaxpresso.numpy.Random;
