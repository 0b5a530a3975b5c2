ALTER TABLE "project_transitions" DROP CONSTRAINT "project_transitions_actor_user_id_users_id_fk";
