import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a native agent into a running JVM with options that contain '=' (jcmd's JVMTI.agent_load would parse them as
 * its own named arguments): {@code java benchmarks/load/AgentLoad.java <pid> <library> <options>}.
 */
public final class AgentLoad {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
