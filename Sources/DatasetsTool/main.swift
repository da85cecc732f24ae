import BookChecks
import DatasetsCommands

DatasetsCommand.mainJoiningNegativeValues()
